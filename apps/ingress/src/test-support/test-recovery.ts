import type { RecoverySettingsView, TemplateSettings } from '@sara/domain';

export const TEST_TEMPLATES: TemplateSettings = {
  language: 'pt_BR',
  abandonment: 'sara_carrinho_abandonado',
  thanks: 'sara_pagamento_confirmado',
  paymentPending: 'sara_pagamento_pendente',
  paymentExpired: 'sara_pagamento_expirado',
};

/**
 * No quiet hours, so a test's template leaves whatever the hour the suite runs at, and a cap no
 * test of other rules reaches (many post several abandonments for one buyer). Tests of quiet
 * hours and caps set their own through the admin API.
 */
export const TEST_RECOVERY_DEFAULTS: RecoverySettingsView = {
  quietHours: null,
  timezone: 'America/Sao_Paulo',
  maxTemplatesPerBuyerPer24h: 10,
  holdoutPercent: 0,
};

export const TEST_RECOVERY = { templates: TEST_TEMPLATES, defaults: TEST_RECOVERY_DEFAULTS };
