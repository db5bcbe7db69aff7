import { useState, type FormEvent } from 'react';
import type { SequenceView } from '../../../../src/merchant-contract.js';
import { useSaveSequence } from '../../api/recovery.js';
import { errorMessage } from '../../labels.js';
import { formErrorMessage, serverFieldErrors, type FieldErrors } from '../../merchant/field-errors.js';
import { kindLabel } from '../../merchant/labels.js';
import {
  DELAY_UNITS,
  describeDelay,
  describeSequenceField,
  MAX_STEPS,
  stepDraft,
  validateSteps,
  type DelayUnit,
  type StepDraft,
} from '../../merchant/recovery-rules.js';
import { controlId, Field, FieldMessage } from '../merchant/Field.js';

/** One kind's follow-ups: when each message leaves (counted from the abandonment) and which approved template it uses. */
export function SequenceEditor({ sequence }: { sequence: SequenceView }) {
  const form = `sequencia-${sequence.kind}`;
  const label = kindLabel(sequence.kind);
  const { save, reset } = useSaveSequence(sequence.kind);
  const [steps, setSteps] = useState<StepDraft[]>(() => sequence.steps.map((step) => stepDraft(step)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [notice, setNotice] = useState('');

  const update = (index: number, patch: Partial<StepDraft>) => {
    setNotice('');
    setSteps((current) => current.map((step, i) => (i === index ? { ...step, ...patch } : step)));
  };
  const focus = (found: FieldErrors) => {
    const first = Object.keys(found).find((field) => field !== 'steps');
    if (first) requestAnimationFrame(() => document.getElementById(controlId(form, first))?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = validateSteps(steps);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) return focus(checked.errors);
    save.mutate(checked.steps, {
      onSuccess: (stored) => {
        setSteps(stored.steps.map((step) => stepDraft(step)));
        setNotice(`Sequência de ${label} salva. As mensagens que ainda não saíram seguem os novos tempos.`);
      },
      onError: (error) => {
        const refused = serverFieldErrors(error, describeSequenceField);
        if (refused) {
          setErrors(refused);
          focus(refused);
        }
      },
    });
  };
  const restore = () =>
    reset.mutate(undefined, {
      onSuccess: (stored) => {
        setErrors({});
        setSteps(stored.steps.map((step) => stepDraft(step)));
        setNotice(`Sequência de ${label} voltou ao padrão da Sara.`);
      },
    });

  const failure = save.error ?? reset.error;
  return (
    <form id={form} className="panel sequence" onSubmit={submit} noValidate aria-labelledby={`${form}-titulo`}>
      <div className="page-head">
        <h3 id={`${form}-titulo`}>{label}</h3>
        <span className="badge badge-quiet">{sequence.custom ? 'Personalizada' : 'Padrão da Sara'}</span>
      </div>
      {errors.steps && <FieldMessage id={`${form}-steps-erro`} message={errors.steps} />}
      <ol className="steps">
        {steps.map((step, index) => (
          <li key={step.key} className="step">
            <span className="step-title">Mensagem {index + 1}</span>
            <div className="field-row">
              <Field
                form={form}
                name={`steps[${index}].delaySeconds`}
                label={`Enviar a mensagem ${index + 1} depois de`}
                error={errors[`steps[${index}].delaySeconds`]}
                className="field-delay"
              >
                {(control) => (
                  <input {...control} type="text" inputMode="numeric" value={step.amount} onChange={(e) => update(index, { amount: e.target.value })} />
                )}
              </Field>
              <div className="field field-unit">
                <label htmlFor={`${form}-unit-${index}`}>
                  Unidade<span className="sr-only"> da mensagem {index + 1}</span>
                </label>
                <select id={`${form}-unit-${index}`} value={step.unit} onChange={(e) => update(index, { unit: e.target.value as DelayUnit })}>
                  {DELAY_UNITS.map((unit) => (
                    <option key={unit.value} value={unit.value}>
                      {unit.label}
                    </option>
                  ))}
                </select>
              </div>
              <Field
                form={form}
                name={`steps[${index}].template`}
                label={`Modelo da mensagem ${index + 1}`}
                hint="O nome do modelo aprovado pela Meta."
                error={errors[`steps[${index}].template`]}
                className="field-template"
              >
                {(control) => (
                  <input {...control} type="text" spellCheck={false} value={step.template} onChange={(e) => update(index, { template: e.target.value })} />
                )}
              </Field>
            </div>
            <div className="step-foot">
              <span className="hint">{stepHint(step)}</span>
              <button
                type="button"
                className="button button-quiet"
                disabled={steps.length === 1}
                onClick={() => setSteps((current) => current.filter((_, i) => i !== index))}
              >
                Remover mensagem {index + 1}
              </button>
            </div>
          </li>
        ))}
      </ol>
      <p role="status" className="notice">
        {notice}
      </p>
      {failure && (
        <p role="alert" className="alert">
          {formErrorMessage(failure, errorMessage)}
        </p>
      )}
      <div className="form-buttons">
        <button type="button" className="button" disabled={steps.length >= MAX_STEPS} onClick={() => setSteps((current) => [...current, nextStep(current)])}>
          Adicionar mensagem
        </button>
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Salvar sequência de {label}
        </button>
        {sequence.custom && (
          <button type="button" className="button button-quiet" disabled={reset.isPending} onClick={restore}>
            Voltar ao padrão
          </button>
        )}
      </div>
    </form>
  );
}

function stepHint(step: StepDraft): string {
  const checked = validateSteps([step]);
  const delay = checked.steps[0]?.delaySeconds;
  return delay !== undefined && Number.isInteger(delay) && !checked.errors['steps[0].delaySeconds'] ? `Sai ${describeDelay(delay)}.` : '';
}

/** A new step a day after the last one, with its template to fill in. */
function nextStep(steps: StepDraft[]): StepDraft {
  const last = validateSteps(steps.slice(-1)).steps[0]?.delaySeconds;
  return stepDraft({ delaySeconds: Number.isInteger(last) ? Math.min((last ?? 0) + 86_400, 7 * 86_400) : 86_400, template: '' });
}
