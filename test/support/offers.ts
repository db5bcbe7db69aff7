/**
 * A product offer as the admin API takes it, with FAQ entries Sara may quote (a lifetime access,
 * an instalment price, a guarantee): the admin route test stores it, the knowledge journey
 * asserts on its very answers.
 */
export const PHOTO_COURSE_OFFER = {
  productName: 'Curso de Fotografia',
  paymentLink: 'https://pay.example.com/foto',
  discountLink: 'https://pay.example.com/foto?cupom=10',
  discountPercent: 10,
  faq: [
    { question: 'O acesso é vitalício?', answer: 'Sim, o acesso é vitalício: as aulas ficam liberadas para sempre.' },
    { question: 'Posso parcelar?', answer: 'Pode sim, em até 12x de R$ 29,70 no cartão.' },
    { question: 'Tem garantia?', answer: 'Tem 7 dias de garantia: se não gostar, devolvemos tudo.' },
  ],
};
