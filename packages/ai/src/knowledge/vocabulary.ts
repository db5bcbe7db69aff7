// The pt-BR word lists the FAQ analyzer folds buyers' messages with. All keys are written folded
// (lowercase, no accents), because the analyzer folds before it looks anything up: buyers type
// "nao", "cartao", "vitalicio" as often as the accented forms.

/**
 * WhatsApp abbreviations and the typos buyers make often enough that fuzzy matching alone would
 * miss them (a one-letter edit on a short stem is too risky to allow in general). The value may be
 * several words; words that end up as stop words simply vanish afterwards.
 */
export const SHORTHANDS: Readonly<Record<string, string>> = {
  vc: 'voce',
  vcs: 'voces',
  voce: 'voce',
  c: 'voce',
  ce: 'voce',
  q: 'que',
  pq: 'porque',
  pk: 'porque',
  oq: 'o que',
  tb: 'tambem',
  tbm: 'tambem',
  tmb: 'tambem',
  msm: 'mesmo',
  hj: 'hoje',
  mt: 'muito',
  mto: 'muito',
  mta: 'muita',
  td: 'tudo',
  tds: 'todos',
  blz: 'beleza',
  obg: 'obrigado',
  vlw: 'valeu',
  ctz: 'certeza',
  cmg: 'comigo',
  msg: 'mensagem',
  qnt: 'quanto',
  qto: 'quanto',
  qnto: 'quanto',
  qnta: 'quanta',
  qts: 'quantos',
  qnts: 'quantos',
  qtos: 'quantos',
  qntos: 'quantos',
  qtas: 'quantas',
  qntas: 'quantas',
  qnd: 'quando',
  qdo: 'quando',
  pra: 'para',
  pro: 'para o',
  pras: 'para as',
  pros: 'para os',
  p: 'para',
  ta: 'esta',
  to: 'estou',
  eh: 'e',
  neh: 'ne',
  n: 'nao',
  nd: 'nada',
  ngm: 'ninguem',
  agr: 'agora',
  dps: 'depois',
  sla: '',
  whats: 'whatsapp',
  zap: 'whatsapp',
  wpp: 'whatsapp',
  zapzap: 'whatsapp',
  insta: 'instagram',
  app: 'aplicativo',
  apps: 'aplicativos',
  cel: 'celular',
  email: 'email',
  mail: 'email',
  certificao: 'certificado',
  certifcado: 'certificado',
  cerificado: 'certificado',
  certficado: 'certificado',
  sertificado: 'certificado',
  garatia: 'garantia',
  reembouso: 'reembolso',
  rembolso: 'reembolso',
  reenbolso: 'reembolso',
  parsela: 'parcela',
  parselar: 'parcelar',
  vitalisio: 'vitalicio',
  vitalicia: 'vitalicio',
  pics: 'pix',
  piks: 'pix',
  bolero: 'boleto',
  cartaum: 'cartao',
  ebok: 'ebook',
};

/**
 * Phrases that mean one thing only together ("dinheiro de volta" is a refund, "dinheiro" alone is
 * not). Matched on whole words of the folded text and replaced before tokenizing.
 */
export const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(dinheiro|grana|valor) (de )?volta\b/g, 'reembolso'],
  [/\bdevolve\w* (o |meu )?(dinheiro|valor)\b/g, 'reembolso'],
  [/\b(para|pra) sempre\b/g, 'vitalicio'],
  [/\b(perco|perde|perder|perderei|perdo) (o |meu )?(acesso|livro|ebook|curso|conteudo|material)\b/g, 'vitalicio'],
  [/\bplanos? (alimentar|alimentares|de refeicoes)\b/g, 'cardapio'],
  [/\btirar? (as |minhas |suas )?duvidas?\b/g, 'suporte'],
  [/\btira(m)? (as |minhas |suas )?duvidas?\b/g, 'suporte'],
  [/\bao vivo\b/g, 'aovivo'],
  [/\blow carb\b/g, 'lowcarb'],
  [/\be ?-?book\b/g, 'ebook'],
  [/\b(\d+) ?x\b/g, 'parcela'],
  [/\bem (\d+|quantas) vezes\b/g, 'parcela'],
];

/**
 * Words that carry no question of their own: articles, pronouns, auxiliaries, question words and
 * the product nouns every entry of a product's FAQ shares ("curso", "mentoria"). Leaving them in
 * would let "o curso tem desconto?" match whichever entry says "curso" most.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a o as os um uma uns umas de do da dos das em no na nos nas num numa por pelo pela pelos pelas
  para ao aos e ou mas se que porque pois como qual quais quanto quanta quantos quantas quando onde
  quem oque cade eu voce voces ele ela eles elas nos me te se lhe meu minha meus minhas seu sua
  seus suas nosso nossa isso isto esse essa este esta aquele aquilo la aqui ai ja ainda tambem
  mesmo so muito muita muitos muitas pouco tudo todo toda todos todas nada algo alguma algum
  ser sou e eh era foi sao estar estou esta estao estava ter tem tenho tinha tem ha haver vai vou
  vao ir fazer faz faco posso pode podem poder consigo consegue da dar dao queria quero gostaria
  saber sabe fala falar diz dizer ne ok sim nao oi ola bom boa dia tarde noite tudo bem beleza
  obrigado obrigada valeu certeza comigo entao tipo assim aí hoje agora depois antes sobre com sem
  mais menos outro outra coisa coisas gente vcs alo kk kkk kkkk kkkkk rs rsrs haha hahaha
  curso cursos aula aulas produto produtos ebook ebooks livro livros mentoria mentorias programa treinamento
  conteudo material materiais info informacao informacoes duvida duvidas pergunta perguntas
  serve servir servem ver tiver tiverem for mim vem vir veio usar usa`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that name the same buyer doubt. Each group collapses to one concept term at index and at
 * query time, so "estorno" finds the entry that says "reembolso". Groups are keyed by stems (see
 * analyzer.ts), so plurals and verb forms of every listed word join the group too.
 */
export const SYNONYM_GROUPS: Readonly<Record<string, readonly string[]>> = {
  reembolso: ['reembolso', 'reembolsar', 'devolucao', 'devolver', 'devolvem', 'garantia', 'estorno', 'estornar', 'cancelar', 'cancelamento', 'arrependimento'],
  parcela: ['parcela', 'parcelar', 'parcelamento', 'parcelado', 'dividir', 'divide', 'dividido', 'prestacao', 'prestacoes', 'vezes'],
  vitalicio: ['acesso', 'vitalicio', 'expira', 'expirar', 'validade', 'vence', 'vencer'],
  certificado: ['certificado', 'certificacao', 'diploma', 'certificar'],
  suporte: ['suporte', 'ajuda', 'ajudar', 'atendimento', 'contato'],
  entrega: [
    'entrega',
    'entregue',
    'entregar',
    'frete',
    'chega',
    'chegar',
    'chegou',
    'envio',
    'enviar',
    'enviam',
    'correio',
    'receber',
    'recebo',
    'demora',
    'demorar',
  ],
  pagamento: ['boleto', 'pix', 'cartao', 'credito', 'debito', 'pagamento', 'pagar', 'pago', 'paguei', 'paypal'],
  aplicativo: ['aplicativo', 'celular', 'smartphone', 'iphone', 'android', 'tablet', 'kindle'],
  gravado: ['gravado', 'gravacao', 'gravacoes', 'gravar', 'reprise', 'replay'],
  iniciante: ['iniciante', 'iniciantes', 'comecando', 'zero', 'leigo', 'experiencia', 'novato'],
};
