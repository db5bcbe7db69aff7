import { useState, type FormEvent } from 'react';
import type { SettingsInput, SettingsView } from '../../../../src/merchant-contract.js';
import { useSaveSettings } from '../../api/recovery.js';
import { errorMessage } from '../../labels.js';
import { errorId, formErrorMessage, serverFieldErrors, type FieldErrors } from '../../merchant/field-errors.js';
import { describeSettingsField, settingsDraft, validateSettings, type SettingsDraft } from '../../merchant/recovery-rules.js';
import { controlId, Field, FieldMessage } from '../merchant/Field.js';

const FORM = 'ajustes';

/** Brazil's zones first: a shop elsewhere keeps its own, shown at the top. */
const ZONES = [
  ['America/Sao_Paulo', 'Brasília (São Paulo, Rio, Sul, Nordeste)'],
  ['America/Manaus', 'Amazonas (Manaus)'],
  ['America/Cuiaba', 'Mato Grosso (Cuiabá)'],
  ['America/Campo_Grande', 'Mato Grosso do Sul (Campo Grande)'],
  ['America/Porto_Velho', 'Rondônia (Porto Velho)'],
  ['America/Boa_Vista', 'Roraima (Boa Vista)'],
  ['America/Rio_Branco', 'Acre (Rio Branco)'],
  ['America/Noronha', 'Fernando de Noronha'],
] as const;

/** Quiet hours, the per-buyer cap and the control group, saved together; only what changed is sent. */
export function SettingsForm({ settings }: { settings: SettingsView }) {
  const save = useSaveSettings();
  const [draft, setDraft] = useState<SettingsDraft>(() => settingsDraft(settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');
  const change = (patch: Partial<SettingsDraft>) => {
    setNotice('');
    setDraft((current) => ({ ...current, ...patch }));
  };
  const focus = (found: FieldErrors) => {
    const first = Object.keys(found)[0];
    const target = first === 'quietHours' ? `${FORM}-start` : first && controlId(FORM, first);
    if (target) requestAnimationFrame(() => document.getElementById(target)?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { errors: found, input } = validateSettings(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return focus(found);
    const changed = changesFrom(settings, input);
    if (Object.keys(changed).length === 0) return setNotice('Nada mudou: os ajustes já são estes.');
    save.mutate(changed, {
      onSuccess: (stored) => {
        setDraft(settingsDraft(stored));
        setNotice('Horários e limites salvos.');
      },
      onError: (error) => {
        const refused = serverFieldErrors(error, describeSettingsField);
        if (refused) {
          setErrors(refused);
          focus(refused);
        }
      },
    });
  };

  const quietError = errors.quietHours;
  const zones = ZONES.some(([zone]) => zone === draft.timezone) ? ZONES : [[draft.timezone, draft.timezone] as const, ...ZONES];
  return (
    <form id={FORM} className="panel settings" onSubmit={submit} noValidate aria-labelledby="ajustes-titulo">
      <h2 id="ajustes-titulo">Horários e limites</h2>
      <fieldset className="quiet" aria-describedby={quietError ? errorId(FORM, 'quietHours') : `${FORM}-quiet-dica`}>
        <legend>Horário de silêncio</legend>
        <div className="check">
          <input id={`${FORM}-quiet`} type="checkbox" checked={draft.quiet} onChange={(e) => change({ quiet: e.target.checked })} />
          <label htmlFor={`${FORM}-quiet`}>Não enviar mensagens automáticas neste horário</label>
        </div>
        <div className="field-row">
          <div className="field field-narrow">
            <label htmlFor={`${FORM}-start`}>Das</label>
            <input
              id={`${FORM}-start`}
              type="time"
              disabled={!draft.quiet}
              aria-invalid={quietError ? true : undefined}
              value={draft.start}
              onChange={(e) => change({ start: e.target.value })}
            />
          </div>
          <div className="field field-narrow">
            <label htmlFor={`${FORM}-end`}>Até</label>
            <input
              id={`${FORM}-end`}
              type="time"
              disabled={!draft.quiet}
              aria-invalid={quietError ? true : undefined}
              value={draft.end}
              onChange={(e) => change({ end: e.target.value })}
            />
          </div>
        </div>
        <p id={`${FORM}-quiet-dica`} className="hint">
          No horário do comprador; pode passar da meia-noite (ex.: das 21:00 às 08:00). O que cair nesse horário sai quando ele terminar.
        </p>
        {quietError && <FieldMessage id={errorId(FORM, 'quietHours')} message={quietError} />}
      </fieldset>
      <Field
        form={FORM}
        name="timezone"
        label="Fuso horário da loja"
        hint="Define os dias do Painel e o horário de quem não tem telefone do Brasil."
        error={errors.timezone}
      >
        {(control) => (
          <select {...control} value={draft.timezone} onChange={(e) => change({ timezone: e.target.value })}>
            {zones.map(([zone, name]) => (
              <option key={zone} value={zone}>
                {name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field-row">
        <Field
          form={FORM}
          name="maxTemplatesPerBuyerPer24h"
          label="Mensagens automáticas por comprador a cada 24 h"
          hint="De 1 a 10. A Meta cobra cada modelo entregue e limita quem recebe muitos."
          error={errors.maxTemplatesPerBuyerPer24h}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={10}
              step={1}
              inputMode="numeric"
              value={draft.cap}
              onChange={(e) => change({ cap: e.target.value })}
            />
          )}
        </Field>
        <Field
          form={FORM}
          name="holdoutPercent"
          label="Grupo de controle (%)"
          hint="De 0 a 50. Essa parte dos carrinhos não recebe mensagens, para medir o que a Sara traz a mais. Com 0, o Painel não mede."
          error={errors.holdoutPercent}
        >
          {(control) => (
            <input
              {...control}
              type="number"
              min={0}
              max={50}
              step={1}
              inputMode="numeric"
              value={draft.holdout}
              onChange={(e) => change({ holdout: e.target.value })}
            />
          )}
        </Field>
      </div>
      <p role="status" className="notice">
        {notice}
      </p>
      {save.isError && (
        <p role="alert" className="alert">
          {formErrorMessage(save.error, errorMessage)}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Salvar horários e limites
        </button>
      </div>
    </form>
  );
}

function changesFrom(current: SettingsView, next: SettingsInput): SettingsInput {
  const changed: SettingsInput = {};
  const sameQuiet = current.quietHours?.start === next.quietHours?.start && current.quietHours?.end === next.quietHours?.end;
  if (!sameQuiet) changed.quietHours = next.quietHours ?? null;
  if (next.timezone !== current.timezone) changed.timezone = next.timezone!;
  if (next.maxTemplatesPerBuyerPer24h !== current.maxTemplatesPerBuyerPer24h) changed.maxTemplatesPerBuyerPer24h = next.maxTemplatesPerBuyerPer24h!;
  if (next.holdoutPercent !== current.holdoutPercent) changed.holdoutPercent = next.holdoutPercent!;
  return changed;
}
