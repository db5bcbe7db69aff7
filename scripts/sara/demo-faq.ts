/**
 * The merchant FAQs of the demo products in demo-catalog.ts. Plain data, so the demo, the seed and
 * the retrieval measurement (faq-retrieval.test.ts) read the same entries. Facts are the demo's
 * own; the 7-day guarantee is the withdrawal right of CDC art. 49, which every online sale has.
 */
import type { FaqEntry } from '@sara/ai';

export const DEMO_FAQ: Record<string, FaqEntry[]> = {
  demo_curso: [
    {
      question: 'O acesso ao curso é vitalício?',
      answer: 'Sim! Você paga uma vez e o acesso é vitalício: as aulas ficam liberadas para sempre, inclusive as atualizações que fizermos.',
    },
    {
      question: 'Tem garantia? E se eu não gostar?',
      answer:
        'Tem garantia de 7 dias, como garante o artigo 49 do Código de Defesa do Consumidor. Se não gostar, é só pedir o reembolso nesse prazo que devolvemos 100% do valor.',
    },
    {
      question: 'Posso parcelar?',
      answer: 'Pode sim! O curso sai por R$ 297 à vista ou em até 12x no cartão de crédito.',
    },
    {
      question: 'Quais são as formas de pagamento?',
      answer: 'Aceitamos cartão de crédito, Pix e boleto. No Pix e no cartão a liberação é na hora; o boleto leva até 2 dias úteis para compensar.',
    },
    {
      question: 'Tem certificado?',
      answer: 'Tem sim! Ao concluir todas as aulas você recebe um certificado digital de conclusão de 20 horas, com o seu nome, para baixar em PDF.',
    },
    {
      question: 'Como recebo o acesso depois de comprar?',
      answer:
        'Assim que o pagamento é aprovado, você recebe no e-mail o login e a senha da área de membros. Chega em poucos minutos; se não aparecer, dá uma olhada na caixa de spam.',
    },
    {
      question: 'Consigo assistir pelo celular?',
      answer: 'Consegue! As aulas funcionam no navegador do computador e no aplicativo da área de membros para celular, Android e iPhone.',
    },
    {
      question: 'Tem suporte para tirar dúvidas?',
      answer: 'Tem! Você tira dúvidas com a nossa equipe pelo WhatsApp, de segunda a sexta, das 9h às 18h, e também na comunidade de alunos.',
    },
    {
      question: 'Serve para quem está começando do zero?',
      answer:
        'Serve sim. O curso começa do básico, configurando o WhatsApp Business, e vai até scripts de venda e funil de atendimento. Não precisa de experiência.',
    },
    {
      question: 'Quanto tempo dura o curso?',
      answer: 'São 42 aulas curtas, umas 8 horas de conteúdo no total. Você assiste no seu ritmo, quando quiser.',
    },
  ],
  demo_ebook: [
    {
      question: 'O acesso é vitalício?',
      answer: 'É sim! O e-book é seu para sempre: depois de baixar o PDF ele não expira, e você pode reler quando quiser.',
    },
    {
      question: 'Como recebo o e-book?',
      answer:
        'É um produto digital, então não tem frete nem envio pelo correio. Assim que o pagamento é aprovado, o link para baixar chega no seu e-mail em poucos minutos.',
    },
    {
      question: 'Em que formato vem? Dá para ler no celular?',
      answer: 'Vem em PDF, que abre no celular, no tablet, no Kindle ou no computador. Também dá para imprimir, se você preferir as receitas no papel.',
    },
    {
      question: 'Quantas receitas tem?',
      answer: 'São 120 receitas low carb de café da manhã, almoço, jantar, lanches e sobremesas, todas com foto e tabela nutricional.',
    },
    {
      question: 'Tem garantia?',
      answer:
        'Tem garantia de 7 dias, conforme o artigo 49 do Código de Defesa do Consumidor. Se não gostar, pede o reembolso nesse prazo e devolvemos todo o valor, sem perguntas.',
    },
    {
      question: 'Os ingredientes são fáceis de encontrar?',
      answer: 'São! Tudo se acha no supermercado comum: ovos, legumes, carnes, queijos, farinha de amêndoa e de coco. Nada de ingrediente caro ou difícil.',
    },
    {
      question: 'Tem receitas vegetarianas ou sem lactose?',
      answer: 'Tem um capítulo com 25 receitas vegetarianas, e várias outras são sem lactose, marcadas com um selo no índice.',
    },
    {
      question: 'Quais são as formas de pagamento?',
      answer: 'O e-book custa R$ 47 e você paga no Pix, no boleto ou no cartão de crédito, em até 12x.',
    },
    {
      question: 'Vem cardápio pronto?',
      answer: 'Vem! De bônus você recebe um cardápio de 21 dias com a lista de compras de cada semana, para não precisar pensar no que cozinhar.',
    },
  ],
  demo_mentoria: [
    {
      question: 'Como funciona a mentoria?',
      answer:
        'São 8 semanas de acompanhamento: um encontro ao vivo em grupo por semana, pelo Zoom, às terças às 20h, mais uma análise individual do seu perfil.',
    },
    {
      question: 'Os encontros ficam gravados?',
      answer: 'Ficam! Todos os encontros ao vivo são gravados e sobem para a plataforma em até 24 horas, para você assistir quando puder.',
    },
    {
      question: 'Por quanto tempo tenho acesso?',
      answer: 'Você tem 1 ano de acesso às gravações e aos materiais, contado da compra. Os encontros ao vivo acontecem durante as 8 semanas da turma.',
    },
    {
      question: 'Tem garantia?',
      answer:
        'Tem garantia de 7 dias a partir da compra, conforme o artigo 49 do Código de Defesa do Consumidor: se não for para você, devolvemos 100% do valor.',
    },
    {
      question: 'Posso parcelar?',
      answer: 'Pode sim! São R$ 997 à vista no Pix ou em até 12x no cartão de crédito. Também aceitamos boleto à vista.',
    },
    {
      question: 'Tem certificado?',
      answer: 'Tem! Quem participa de pelo menos 6 dos 8 encontros recebe um certificado digital de participação.',
    },
    {
      question: 'Serve para quem tem poucos seguidores?',
      answer:
        'Serve, sim. A mentoria foi pensada para perfis de 0 a 10 mil seguidores que querem crescer e vender pelo Instagram, seja negócio local ou digital.',
    },
    {
      question: 'Tenho contato direto com a mentora?',
      answer: 'Tem! Além dos encontros, você entra num grupo de WhatsApp com a mentora e a equipe, que tiram as suas dúvidas em até 24 horas nos dias úteis.',
    },
    {
      question: 'Quando começa a próxima turma?',
      answer: 'A próxima turma começa na primeira terça-feira do mês que vem. Quem entra antes já recebe o material de boas-vindas e o diagnóstico do perfil.',
    },
    {
      question: 'Preciso ter muito tempo disponível?',
      answer: 'Não muito: reserve umas 3 horas por semana, 1h30 para o encontro ao vivo e o resto para aplicar as tarefas no seu perfil.',
    },
  ],
};
