/**
 * How each seeded opt-out keyword is actually written by buyers, and what has to surround it for
 * it to mean "stop messaging me". Everything is in normalised form (see normalize.ts).
 *
 * A pattern is a space-separated run of tokens; a token ending in `*` matches any word starting
 * with it ("mensag*" matches mensagem, mensagens, mensagen).
 */
export type DirectedRule = {
  /** Recorded in the audit log when this rule fires. */
  rule: string;
  forms: string[];
  /** What the buyer wants stopped or left; must follow a form within the same clause. */
  objects: string[];
  /** The form must be followed at once by "da", "do", "dessa"…: "sair da lista", never "sai hoje o envio". */
  fromFirst?: boolean;
};

export type Grammar = {
  /** Opt out when the whole message, or one whole clause of it, is one of these (fillers aside). */
  standalone: string[];
  /** Standalone forms that mean something else as one clause among others ("kkk para, vou comprar"). */
  wholeMessageOnly?: string[];
  directed: DirectedRule[];
  /** Forms that are also plain indicative ("o site para de carregar"): no noun may come before them. */
  imperativeOnly?: string[];
  /** "me remove", "ser removido": opt out when followed by "da", "do", "dessa"… (from the list, the group). */
  selfRemoval?: string[];
  /** Opt out wherever these appear, unless one of `unlessNear` is right next to them ("stop loss"). */
  anywhere?: { rule: string; patterns: string[]; unlessNear?: string[] };
  /** Words that make a message worth asking layer 2 about when no rule fired. */
  stems: string[];
  /** Whether "não" just before a form cancels it ("não vou sair da lista"). */
  negatable: boolean;
};

// Not "envio": "pode parar o envio até eu voltar?" is about the shipment.
const MESSAGES = ['mensag*', 'menssag*', 'msg*', 'notifica*', 'lembrete*', 'disparo*', 'propaganda*', 'transmiss*'];
const SENT_TO_ME = [
  'me mand*',
  'me envi*',
  'me cham*',
  'me lig*',
  'me incomod*',
  'incomod*',
  'me perturb*',
  'perturb*',
  'me encher',
  'me procur*',
  'me escrev*',
  'falar comigo',
  'entrar em contato',
  'isso aqui',
];
/** "não quero receber" alone is about delivery ("não quero receber em casa"); with these it is about us. */
const RECEIVE_FROM_US = ['receb* $', 'receb* mais', 'receb* nada', 'receb* isso', 'receb* esse tipo', 'receb* promoc*', 'receb* propaganda*', 'receb* oferta*'];
/** What a buyer asks to have their number taken off. "meu cadastro", not "o cadastro": "remover o endereço do cadastro". */
const REGISTRY = [
  'numero*',
  'contato*',
  'lista*',
  'grupo*',
  'transmiss*',
  'meu cadastro',
  'meus dados',
  'minhas informac*',
  'meu whats*',
  'meu zap',
  'meu telefone',
  'meu celular',
];
/** Generic objects for keywords added to the table later, which have no grammar of their own. */
export const CUSTOM_OBJECTS = [...MESSAGES, ...REGISTRY];

const NEGATIONS_OF_WANT = ['nao', 'n', 'naum'].flatMap((no) => ['quero', 'qro', 'kero', 'qero'].map((want) => `${no} ${want}`));

export const GRAMMARS: Record<string, Grammar> = {
  parar: {
    standalone: [
      'parar',
      'para',
      'pare',
      'parem',
      'paro',
      'pode parar',
      'podem parar',
      'vcs podem parar',
      'voces podem parar',
      'quero parar',
      'para com isso',
      'pare com isso',
      'parem com isso',
    ],
    // "para com isso, é sério que tem desconto?" is surprise; alone, or after annoyance, it is an order.
    wholeMessageOnly: ['para', 'paro', 'para com isso'],
    directed: [
      {
        rule: 'directed',
        forms: ['parar', 'pare', 'parem', 'para de', 'para com', 'param de', 'parando de', 'deixa de', 'deixe de', 'deixem de'],
        objects: [
          ...MESSAGES,
          ...SENT_TO_ME,
          'receb*',
          'mand*',
          'enviar*',
          'envia*',
          'enviand*',
          'contato*',
          'whats*',
          'zap',
          'encher*',
          'insist*',
          'me lembr*',
        ],
      },
    ],
    imperativeOnly: ['para de', 'para com', 'param de', 'deixa de'],
    stems: ['parar', 'pare', 'parem', 'param', 'paro', 'parando', 'para de', 'para com'],
    negatable: false, // "vcs não param de mandar msg" is the complaint itself
  },
  sair: {
    standalone: ['sair', 'saia', 'sai', 'saio', 'quero sair', 'sai fora', 'sair fora'],
    wholeMessageOnly: ['sai', 'saio'],
    // Not "whatsapp" or "zap": "vou sair do zap agora" is about the buyer's phone.
    directed: [{ rule: 'directed', forms: ['sair', 'saia', 'sai', 'saio'], objects: [...MESSAGES, 'lista*', 'grupo*', 'cadastro*'], fromFirst: true }],
    // "já saí da lista de espera?": without its accent, the past tense reads like the imperative.
    imperativeOnly: ['sai'],
    stems: ['sair', 'saia', 'sai', 'saio', 'saindo', 'saiam'],
    negatable: true,
  },
  cancelar: {
    standalone: ['cancelar', 'cancela', 'cancele', 'cancelem', 'cancelo'],
    // "Não consegui pagar, cancela" is about the order: only the bare keyword is an opt-out.
    wholeMessageOnly: ['cancelar', 'cancela', 'cancele', 'cancelem', 'cancelo'],
    directed: [{ rule: 'directed', forms: ['cancelar', 'cancela', 'cancele', 'cancelem', 'cancelo'], objects: [...MESSAGES, 'lista*', 'inscric*'] }],
    stems: ['cancel*'],
    negatable: true,
  },
  remover: {
    standalone: [
      'remover',
      'remove',
      'remova',
      'removam',
      'removem',
      'me remove',
      'me remova',
      'me remover',
      'me removam',
      'me removem',
      'pode me remover',
      'podem me remover',
      'remove eu',
      'quero ser removido',
      'quero ser removida',
    ],
    directed: [{ rule: 'directed', forms: ['remover', 'remove', 'remova', 'removam', 'removem'], objects: REGISTRY }],
    selfRemoval: ['me remove', 'me remova', 'me remover', 'me removam', 'me removem', 'remove eu', 'ser removido', 'ser removida'],
    stems: ['remov*'],
    negatable: true,
  },
  excluir: {
    standalone: ['excluir', 'exclui', 'exclua', 'excluam', 'me exclui', 'me exclua', 'me excluir', 'pode me excluir', 'exclui eu'],
    directed: [{ rule: 'directed', forms: ['excluir', 'exclui', 'exclua', 'excluam', 'excluem', 'apaga', 'apague', 'apagar', 'apaguem'], objects: REGISTRY }],
    selfRemoval: ['me exclui', 'me exclua', 'me excluir', 'me excluam', 'me excluem', 'exclui eu', 'ser excluido', 'ser excluida'],
    stems: ['exclu*'],
    negatable: true,
  },
  'me tire': {
    standalone: ['me tire', 'me tira', 'me tirem', 'me tirar', 'pode me tirar', 'tira eu', 'tire eu', 'me tira fora'],
    directed: [{ rule: 'directed', forms: ['tira', 'tire', 'tirem', 'tirar', 'retira', 'retire', 'retirem', 'retirar'], objects: REGISTRY }],
    selfRemoval: ['me tire', 'me tira', 'me tirem', 'me tirar', 'me tiram', 'tira eu', 'tire eu', 'ser tirado', 'ser tirada', 'me retira', 'me retire'],
    stems: ['me tir*', 'tira eu', 'tire eu', 'me retir*'],
    negatable: true,
  },
  'nao quero': {
    standalone: ['', ' mais', ' nada', ' nd', ' mais nada', ' mais nd'].flatMap((tail) => NEGATIONS_OF_WANT.map((form) => form + tail)),
    // "Já comprei, não quero" declines the product; "não quero mais" at the end of a clause still counts.
    wholeMessageOnly: ['', ' nada', ' nd'].flatMap((tail) => NEGATIONS_OF_WANT.map((form) => form + tail)),
    directed: [
      { rule: 'directed', forms: NEGATIONS_OF_WANT, objects: [...MESSAGES, ...SENT_TO_ME, ...RECEIVE_FROM_US, 'contato*', 'nada disso', 'ser incomod*'] },
      // "não desejo receber mais mensagens", "não gostaria de ser incomodado".
      {
        rule: 'directed',
        forms: [
          ...['nao', 'n'].flatMap((no) => [`${no} desejo`, `${no} gostaria de`, `${no} quero mais`, `${no} desejo mais`, `${no} quer`, `${no} preciso mais`]),
          'prefiro nao',
        ],
        objects: [...MESSAGES, ...RECEIVE_FROM_US, 'ser incomod*', 'ser contat*', 'ser perturbad*', 'ser lembrad*'],
      },
      {
        rule: 'nao-quero-mais',
        forms: NEGATIONS_OF_WANT.map((form) => `${form} mais`),
        objects: ['nada', 'saber', 'isso', 'falar', 'conversa*', 'papo', 'receb*'],
      },
    ],
    stems: NEGATIONS_OF_WANT,
    negatable: false,
  },
  stop: {
    standalone: ['stop'],
    directed: [],
    anywhere: { rule: 'unambiguous-word', patterns: ['stop'], unlessNear: ['loss', 'gain', 'movel', 'pit', 'non', 'win', 'motion'] },
    stems: ['stop'],
    negatable: true,
  },
  unsubscribe: {
    standalone: ['unsubscribe'],
    directed: [],
    anywhere: { rule: 'unambiguous-word', patterns: ['unsubscrib*'] },
    stems: ['unsubscrib*'],
    negatable: true,
  },
  desinscrever: {
    standalone: ['desinscrever', 'desinscreve', 'desinscreva'],
    directed: [],
    anywhere: { rule: 'unambiguous-word', patterns: ['desinscr*'] },
    stems: ['desinscr*'],
    negatable: true,
  },
};

/** Imperative only: "não mandaram a mensagem com o link" is a complaint about a missing message. */
const DONT_SEND = [
  ...[
    'mande',
    'mandem',
    'manda',
    'mandar',
    'envie',
    'enviem',
    'envia',
    'enviar',
    'chame',
    'chamem',
    'chama',
    'ligue',
    'liguem',
    'liga',
    'escreva',
    'escrevam',
  ].map((verb) => `me ${verb}`),
  'mande',
  'mandem',
  'envie',
  'enviem',
  'manda mais',
  'envia mais',
  'mandar mais',
  'enviar mais',
];

/**
 * Not in the keyword table but unambiguous, so always on: switching it off would need a deploy,
 * which is the safe direction for LGPD.
 */
export const BUILT_IN: Record<string, Grammar> = {
  'nao me mande': {
    standalone: [],
    directed: [
      {
        rule: 'directed',
        forms: ['nao', 'n', 'naum'].flatMap((no) => DONT_SEND.map((verb) => `${no} ${verb}`)),
        // "não me mande mais o boleto" is about one message, not all of them.
        objects: [...MESSAGES, 'nada', '$', 'mais $', 'mais isso', 'mais aqui', 'propaganda*', 'promoc*', 'nenhum*'],
      },
    ],
    stems: [],
    negatable: false,
  },
  'chega de': {
    standalone: [],
    directed: [
      {
        rule: 'directed',
        forms: ['chega de', 'chega dessa', 'chega dessas', 'chega desse', 'chega desses'],
        objects: [...MESSAGES, ...SENT_TO_ME, 'mand*', 'envi*', 'spam'],
      },
    ],
    stems: [],
    negatable: false,
  },
  descadastrar: {
    standalone: ['descadastrar', 'descadastra', 'me descadastra'],
    directed: [],
    anywhere: { rule: 'unambiguous-word', patterns: ['descadastr*'], unlessNear: ['cartao*', 'pix', 'endereco*', 'chave*'] },
    stems: ['descadastr*'],
    negatable: true,
  },
};

export const FILLERS = [
  'por favor',
  'porfavor',
  'por gentileza',
  'pfv',
  'pf',
  'pfvr',
  'pfvor',
  'plz',
  'pls',
  'please',
  'favor',
  'obrigado',
  'obrigada',
  'obg',
  'obgd',
  'brigado',
  'brigada',
  'grato',
  'grata',
  'valeu',
  'vlw',
  'ok',
  'okay',
  'blz',
  'beleza',
  'tchau',
  'xau',
  'oi',
  'oie',
  'ola',
  'ei',
  'bom dia',
  'boa tarde',
  'boa noite',
  'tudo bem',
  'sara',
  'moca',
  'moco',
  'gente',
  'ai',
  'agora',
  'ja',
  'logo',
  'viu',
  'k',
  'kk',
  'rs',
  'urgente',
  'imediatamente',
  'de vez',
  'aff',
  'affs',
  'robo',
];
/** Words that end the stretch in which a form's object is looked for ("vou parar o carro pra mandar o comprovante"). */
export const CLAUSE_BREAKS = new Set(['e', 'mas', 'porem', 'se', 'porque', 'pq', 'quando', 'depois', 'entao', 'pra', 'pro', 'para', 'ou']);
export const NEGATIONS = new Set(['nao', 'n', 'naum', 'nem', 'nunca', 'jamais']);
export const HYPOTHETICALS = new Set(['quiser', 'quisesse', 'caso']);
/** "não precisa parar de mandar": with a negation before, these make a form its opposite. */
export const NO_NEED = new Set(['precisa', 'precisam', 'precisar', 'prescisa']);
/** After "grupo", "lista": the product's own community, which buyers ask about ("sair do grupo de alunos"). */
export const OTHER_GROUPS = ['de alunos', 'dos alunos', 'de clientes', 'dos clientes', 'do curso', 'vip', 'de estudo*', 'da turma', 'de espera'];
/** Before an `imperativeOnly` form, these make it a statement: "o site para de carregar", "já saí da lista de espera". */
export const SUBJECTS = new Set([
  'o',
  'a',
  'os',
  'as',
  'um',
  'uma',
  'meu',
  'minha',
  'seu',
  'sua',
  'ele',
  'ela',
  'eles',
  'elas',
  'isso',
  'isto',
  'esse',
  'essa',
  'eu',
  'ja',
  'site',
  'link',
  'app',
  'sistema',
  'celular',
  'whatsapp',
  'whats',
  'zap',
  'pagina',
  'telefone',
  'chuva',
]);
export const FROM_WORDS = new Set([
  'da',
  'do',
  'das',
  'dos',
  'dessa',
  'desse',
  'dessas',
  'desses',
  'desta',
  'deste',
  'daqui',
  'dai',
  'disso',
  'de',
  'dela',
  'dele',
]);
/** "isso me tira do sério" */
export const IDIOMS_AFTER_FROM = new Set(['serio']);

/**
 * A clause that only vents ("que saco", "vcs tão me enchendo o saco"): next to it, a bare "para" or
 * "não quero" is an order to Sara, not "para, vou comprar sim".
 */
export const ANNOYANCE = ['saco', 'aff*', 'pqp', 'chato*', 'chata*', 'enchendo', 'encher', 'insuportave*', 'porra', 'caramba', 'droga', 'inferno', 'merda'];

/** Signs a buyer may want out, worth asking layer 2 about, though no rule above could decide. */
export const OPT_OUT_CUES = [
  'chega',
  'bloque*',
  'denunci*',
  'incomod*',
  'spam',
  'nao me mand*',
  'n me mand*',
  'nao mande*',
  'nao me cham*',
  'nao me lig*',
  'nao me envi*',
  'para com isso',
  'sem interesse',
  'nao tenho interesse',
  'n tenho interesse',
  'nao tenho mais interesse',
  'perturb*',
  'encher o saco',
  'enchendo o saco',
  'que saco',
  'me deixa em paz',
  'me deixe em paz',
  'procon',
  'lgpd',
  'assedio',
  'desisti*',
  'chato',
  'chata',
  'insist*',
  // Polite refusals the rules cannot settle alone ("não desejo receber mais mensagens"): the AI judges.
  'nao desejo',
  'nao gostaria',
  'receber mais',
  'me contat*',
  'entre mais em contato',
  // Near misses of the phrase rules (phrase-rules.ts): a detail the rules would not settle.
  'interessa',
  'interessad*',
  'consentimento',
  'autoriz*',
  'reclame aqui',
  'me esquec*',
  'em paz',
  'meu numero',
  'not interested',
  'leave me',
];
