import { normalizeMessage } from './opt-out/index.js';

// A buyer asking for a person, in the forms buyers write it (normalised: lowercase, no accents).
// Deliberately narrow: a person, a human or an attendant named, or Sara called a robot. A
// question that merely mentions "equipe" ("a equipe responde rápido?") is not a request.
const PATTERNS = [
  new RegExp(
    String.raw`\b(?:falar|conversar|atender|atendimento|falo|fala) (?:com |por )?(?:um |uma |o |a |algum |alguma )?(?:alguem|pessoa|humano|humana|atendente|vendedor|vendedora|responsavel|gente de verdade|pessoa de verdade)\b`,
  ),
  new RegExp(
    String.raw`\b(?:quero|queria|preciso|prefiro|pode|poderia|tem como) (?:de )?(?:um |uma )?(?:atendente|humano|humana|atendimento humano|pessoa de verdade)\b`,
  ),
  /\batendimento humano\b/,
  /\b(?:voce|vc|isso|aqui) (?:e|eh) (?:um )?(?:robo|bot|maquina)\b/,
  /\bnao quero (?:falar com )?(?:robo|bot|maquina)\b/,
  /\bme passa (?:pra|para) (?:alguem|um atendente|uma pessoa|o responsavel)\b/,
];

/** True when the buyer asks to talk to a person rather than to Sara. */
export function asksForPerson(text: string): boolean {
  const normalized = normalizeMessage(text);
  return PATTERNS.some((pattern) => pattern.test(normalized));
}
