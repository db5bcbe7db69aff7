import { describe, expect, it } from 'vitest';
import { asksForPerson } from './person-request.js';

describe('asksForPerson', () => {
  it.each([
    'Quero falar com um atendente',
    'posso falar com alguém?',
    'queria falar com uma pessoa de verdade',
    'tem como falar com o responsável?',
    'prefiro atendimento humano',
    'QUERO UM ATENDENTE!!!',
    'vc é um robô?',
    'não quero falar com robô',
    'me passa pra alguém por favor',
    'preciso de um atendente, o pix deu erro',
  ])('hears a request for a person in "%s"', (text) => {
    expect(asksForPerson(text)).toBe(true);
  });

  it.each([
    'a equipe responde rápido?',
    'quero comprar',
    'tem certificado?',
    'alguém já fez o curso e gostou?',
    'vou falar com meu marido',
    'o atendimento pós-venda é bom?',
    'pessoa física pode pagar no boleto?',
  ])('does not in "%s"', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});
