/**
 * Opt-outs without a seeded keyword, as phrase rules (matched by phrases.ts, normalised text).
 * The label rule they serve: an opt-out is whatever makes a person reading the chat conclude the
 * buyer wants the shop to stop messaging them. By product decision that includes "no interest",
 * threats to block or report, consent withdrawal and "who gave you my number?".
 *
 * Most rules list what may follow the phrase (`tails`), because the same words also decline one
 * option of a purchase that goes on: "sem interesse em parcelar, quero à vista", "vou bloquear o
 * cartão antigo". Anything not listed is left to the ambiguity check, and so to the AI.
 */
export type PhraseRule = {
  /** Recorded in the audit log as the keyword, with `rule`. */
  keyword: string;
  rule: string;
  /** The whole message, fillers aside, is one of these. For words that mean something else in a longer message ("chega, já paguei"). */
  wholeMessage?: string[];
  /** One whole clause, fillers aside, is one of these. */
  alone?: string[];
  /** In order within one clause: a pattern of each step, with at most `gap` other words between steps. */
  steps?: string[][];
  gap?: number;
  /** What may follow the phrase up to a clause break; nothing following is always fine. Omitted: anything may. */
  tails?: string[];
  /** What may not follow the phrase ("meu número do pedido"). */
  unlessTails?: string[];
  /** The phrase is itself a negation, so "não" before it does not cancel it. */
  negated?: boolean;
};

const NO = ['nao', 'n', 'naum', 'nunca', 'jamais'];
const INTEREST = ['intere*', 'intresse', 'interrese', 'enteresse'];
/** What "não tenho interesse" may be about and still be a goodbye: us, the offer as a whole, buying at all. */
const NO_INTEREST_TAILS = [
  'mais', 'nenhum*', 'algum', 'nada', 'nisso', 'nisto', 'nessa $', 'nesse $', 'nesse produto', 'nesse curso', 'nessa oferta', 'nessa promoc*',
  'nessas mensag*', 'nesse tipo', 'nesse assunto', 'nessa loja', 'no momento', 'por enquanto', 'no produto', 'no curso', 'na oferta',
  'na promoc*', 'no seu*', 'na sua*', 'nos seus*', 'nas suas*', 'pelo produto', 'pelo curso', 'em comprar', 'de comprar', 'em nada',
  'em receber', 'em mensag*', 'nas mensag*', 'nas ofertas', 'nas promoc*', 'em continuar', 'em conversar', 'em falar', 'em nenhum*',
  'de voces', 'de vcs', 'em voces', 'em vcs', 'no que voces*', 'no que vcs*', 'obrigad*', 'mesmo', 'nao', 'thank*', 'anymore', 'in this',
];
/** Whom a threat is aimed at. Not "o cartão": "vou bloquear o cartão antigo". */
const AT_US = [
  'vc*', 'voce*', 'vcs', 'ces', 'esse numero', 'este numero', 'esse contato', 'esse zap', 'esse whats*', 'seu numero', 'o numero', 'o contato',
  'essa loja', 'essa empresa', 'todo mundo', 'mesmo', 'de vez', 'pra sempre',
];
const THREAT_TAILS = [
  ...AT_US, 'como spam', 'por spam', 'pra anatel', 'na anatel', 'a anatel', 'no procon', 'pro procon', 'ao procon', 'no reclame*', 'pro whats*', 'ao whats*',
];
/** What "não me procure", "não entre em contato" may be followed by and still be about us. */
const DONT_TAILS = [
  ...AT_US, 'comigo', 'mais', 'nunca mais', 'de novo', 'aqui', 'por aqui', 'no whats*', 'no zap', 'nesse numero', 'neste numero', 'o saco',
  'meu saco', 'a paciencia', 'com isso', 'com mensag*', 'com essas*',
];
const MY_NUMBER = [
  'meu numero', 'meu contato', 'meu telefone', 'meu celular', 'meu whats*', 'meu zap', 'meus dados', 'minhas informac*', 'meu cadastro',
  'o meu numero', 'o meu contato', 'o meu telefone', 'esse numero', 'meu nome e numero', 'meu email',
];

export const PHRASE_RULES: PhraseRule[] = [
  // "não tenho interesse", "nao tenho interece", "não me interessa", "não estou interessada", "perdi o interesse".
  {
    keyword: 'sem interesse',
    rule: 'no-interest',
    steps: [
      [
        ...['nao', 'n', 'naum'].flatMap((no) => [`${no} tenho`, `${no} tenho mais`, `${no} tenho nenhum`, `${no} tenho o menor`, `${no} tem`, `${no} ha`]),
        'nenhum', 'zero', 'perdi o', 'perdi', 'no', 'not', 'no longer',
      ],
      [...INTEREST, 'interested'],
    ],
    tails: NO_INTEREST_TAILS,
    negated: true,
  },
  // "não estou sem interesse não, só sem dinheiro": here a "não" before does cancel.
  { keyword: 'sem interesse', rule: 'no-interest', steps: [['sem', 'sem nenhum', 'sem mais'], INTEREST], tails: NO_INTEREST_TAILS },
  {
    keyword: 'sem interesse',
    rule: 'no-interest',
    steps: [NO, ['me interessa', 'interessa', 'me interessa mais', 'interessa mais']],
    // Not "não me interessa a cor": that is one detail of an order going on.
    tails: ['mais', 'nao', 'nada', 'obrigad*', 'isso', 'nenhum*', 'esse produto', 'essa oferta', 'esse curso', 'essa promoc*', 'comprar'],
    negated: true,
  },
  {
    keyword: 'sem interesse',
    rule: 'no-interest',
    steps: [NO, ['estou', 'to', 'tou', 'sou', 'fiquei', 'estou mais', 'to mais', 'tô'], ['interessad*', 'interesad*']],
    tails: NO_INTEREST_TAILS,
    negated: true,
  },
  // "não me procure mais", "não entrem em contato", "não me perturbe", "não enche", "não insista".
  {
    keyword: 'nao me procure',
    rule: 'do-not-contact',
    steps: [
      [...NO, 'nunca mais', 'nao mais'],
      [
        // Imperative only: "não me incomoda, pode mandar" says the opposite.
        'me procure', 'me procurem', 'me procura', 'me contate', 'me contatem', 'me contacte*', 'me incomode', 'me incomodem', 'me perturbe',
        'me perturbem', 'me enche', 'me encha', 'me encham', 'enche', 'encha', 'encham', 'insista', 'insistam', 'insiste', 'me ligue*', 'me liga mais',
        ...['entre', 'entrem', 'entra', 'entrar'].flatMap((verb) => [`${verb} em contato`, `${verb} mais em contato`]),
      ],
    ],
    tails: DONT_TAILS,
    negated: true,
  },
  {
    keyword: 'nao me procure',
    rule: 'do-not-contact',
    steps: [NO, ['quero', 'qro', 'kero', 'desejo', 'quero mais', 'desejo mais'], ['ser contat*', 'ser procurad*', 'ser chamad*', 'ser perturbad*', 'ser importunad*']],
    negated: true,
  },
  // "me deixa em paz", "esquece meu número", "me esquece", "some daqui", "vaza", "me erra".
  {
    keyword: 'me deixa em paz',
    rule: 'leave-me-alone',
    steps: [['me deixa', 'me deixe', 'me deixem', 'me deixar', 'deixa eu', 'deixe eu', 'deixem eu'], ['em paz', 'quiet*', 'sossegad*']],
  },
  {
    keyword: 'me deixa em paz',
    rule: 'leave-me-alone',
    steps: [['esquece', 'esqueca', 'esquecam', 'esquecem', 'perde', 'perca', 'percam', 'apaga', 'apague', 'apaguem', 'deleta', 'delete', 'deletem', 'deletar', 'apagar', 'eliminem'], MY_NUMBER],
    gap: 2,
    tails: ['dai', 'ai', 'de vez', 'pra sempre', 'de voces', 'de vcs', 'do sistema', 'do cadastro', 'da lista', 'da base', 'conforme*', 'pela lgpd', 'de acordo*', 'de tudo', 'agora'],
  },
  {
    keyword: 'me deixa em paz',
    rule: 'leave-me-alone',
    steps: [['me esquece', 'me esqueca', 'me esquecam', 'me esquecem', 'esquece eu', 'esquece que eu existo', 'esquecam que eu existo']],
    tails: ['dai', 'ai', 'de vez', 'pra sempre'],
  },
  { keyword: 'me deixa em paz', rule: 'leave-me-alone', alone: ['some', 'suma', 'sumam', 'some daqui', 'sumam daqui', 'vaza', 'vaza daqui', 'vaza fora', 'me erra', 'desaparece', 'desapareca'] },
  { keyword: 'chega', rule: 'whole-message', wholeMessage: ['chega', 'chega ne', 'basta', 'bloqueado', 'bloqueada', 'bloqueando', 'denunciado', 'spam'] },
  // Consent withdrawal and LGPD: "retiro meu consentimento", "não autorizei vocês a me mandar mensagem".
  {
    keyword: 'consentimento',
    rule: 'consent',
    steps: [['retiro', 'revogo', 'retirar', 'revogar', 'retiro aqui', 'cancelo'], ['meu consentimento', 'o consentimento', 'o meu consentimento', 'consentimento', 'minha autorizac*', 'a autorizac*', 'a minha autorizac*', 'minha permiss*']],
  },
  {
    keyword: 'consentimento',
    rule: 'consent',
    steps: [NO, ['autorizei', 'autorizo', 'dei autorizac*', 'dei permiss*', 'permiti', 'consenti', 'autorizamos']],
    // Not "não autorizei a compra duplicada": that is about a charge.
    tails: ['voce*', 'vcs', 'vc', 'ninguem', 'a me*', 'me*', 'receb*', 'mensag*', 'msg*', 'contato', 'pra isso', 'para isso', 'pra voce*', 'pra vcs', 'pra me*', 'para me*', 'pra mandar*', 'pra receber', 'usar meu*', 'o uso*', 'meu numero', 'meus dados'],
    negated: true,
  },
  { keyword: 'lgpd', rule: 'consent', alone: ['lgpd'] },
  { keyword: 'lgpd', rule: 'consent', steps: [['apag*', 'delet*', 'exclu*', 'remov*', 'elimin*', 'revog*', 'retir*', 'exijo', 'solicito', 'viola*', 'infring*', 'descumpr*', 'crime', 'denunc*', 'process*', 'direito*'], ['lgpd']], gap: 6 },
  { keyword: 'lgpd', rule: 'consent', steps: [['lgpd'], ['apag*', 'delet*', 'exclu*', 'remov*', 'elimin*', 'exijo', 'solicito', 'crime', 'denunc*', 'process*']], gap: 4 },
  // Threats: "vou te bloquear", "vou denunciar como spam", "vou no procon", "reclame aqui".
  {
    keyword: 'bloquear',
    rule: 'threat',
    steps: [['vou', 'vo', 'irei', 'vamos'], ['bloquear', 'bloquea', 'bloqueia', 'blokear', 'dar block', 'dar um block', 'block', 'blocar', 'denunciar', 'denunciar*', 'reportar', 'processar', 'expor']],
    gap: 2,
    tails: THREAT_TAILS,
  },
  { keyword: 'bloquear', rule: 'threat', steps: [['eu', 'te', 'ja', 'ai', 'entao'], ['bloqueio', 'bloqueei', 'denuncio']], tails: THREAT_TAILS },
  {
    keyword: 'bloquear',
    rule: 'threat',
    steps: [['denunciar', 'denunciado', 'denunciada', 'denunciei', 'denuncio', 'reportar', 'reportado', 'reportei', 'marcar', 'marquei', 'marcado', 'bloqueado', 'bloquear'], ['como spam', 'por spam', 'de spam', 'pra spam', 'spam']],
  },
  {
    keyword: 'procon',
    rule: 'threat',
    steps: [['vou', 'vo', 'irei', 'denunc*', 'reclamar', 'acion*', 'abrir', 'abro', 'colocar', 'coloco', 'postar', 'posto', 'botar', 'expor', 'process*'], ['procon', 'reclame aqui', 'reclameaqui', 'anatel', 'consumidor gov*']],
    gap: 4,
  },
  { keyword: 'procon', rule: 'threat', steps: [['procon', 'reclame aqui', 'anatel'], ['neles', 'nele', 'nela', 'em voces', 'em vcs', 'em vc', 'nessa*', 'nesse*', 'pra voces', 'pra vcs']] },
  // "quem te deu meu número?", "de onde vocês tiraram meu contato?", "como vocês têm meu número?"
  {
    keyword: 'quem deu meu numero',
    rule: 'number-source',
    steps: [
      ['quem', 'onde', 'como', 'donde', 'aonde'],
      [
        'deu', 'deram', 'passou', 'passaram', 'pegou', 'pegaram', 'tirou', 'tiraram', 'conseguiu', 'conseguiram', 'arrumou', 'arrumaram', 'achou',
        'acharam', 'obteve', 'obtiveram', 'tem', 'tem', 'descobriu', 'descobriram', 'vazou', 'forneceu', 'arranjou', 'arranjaram', 'sabe', 'sabem',
      ],
      MY_NUMBER,
    ],
    gap: 3,
    unlessTails: ['do pedido', 'de pedido', 'de rastreio', 'do rastreio', 'de protocolo', 'do protocolo', 'do cartao', 'do cpf', 'da compra', 'do boleto', 'da nota'],
  },
  // English.
  { keyword: 'leave me alone', rule: 'english', steps: [['leave me alone', 'opt out', 'optout', 'take me off', 'remove me', 'stop sending', 'stop texting', 'stop messaging']], tails: ['from*', 'off*', 'this*', 'now', 'pls', 'please', 'thank*'] },
  { keyword: 'leave me alone', rule: 'english', steps: [['dont', 'don t', 'do not', 'never'], ['text*', 'message*', 'msg', 'contact*', 'call*', 'send*', 'write', 'bother*', 'email*'], ['me', 'us', 'this number']], gap: 1 },
];
