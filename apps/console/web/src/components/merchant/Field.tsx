import type { ReactNode } from 'react';
import { errorId } from '../../merchant/field-errors.js';

export type ControlProps = { id: string; 'aria-invalid': true | undefined; 'aria-describedby': string | undefined };

type Props = {
  /** The form's id: with the field's path it makes the control's and the message's ids. */
  form: string;
  /** The field's path as the server names it (`paymentLink`, `faq[0].answer`). */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A labelled control with its hint and its message: the message is read with the field, in Portuguese. */
export function Field({ form, name, label, hint, error, className, children }: Props) {
  const id = controlId(form, name);
  const hintId = hint ? `${id}-dica` : undefined;
  const messageId = error ? errorId(form, name) : undefined;
  const describedBy = [messageId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      {error && <FieldMessage id={messageId!} message={error} />}
    </div>
  );
}

export function controlId(form: string, name: string): string {
  return `${form}-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

export function FieldMessage({ id, message }: { id: string; message: string }) {
  return (
    <span id={id} className="field-error">
      {message}
    </span>
  );
}
