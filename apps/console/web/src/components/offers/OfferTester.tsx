import { useState, type FormEvent } from 'react';
import { useTestOffer } from '../../api/offers.js';
import { errorMessage } from '../../labels.js';
import { describeOfferField, MAX_FAQ_TEXT, offerTestRequest, validateOffer, type OfferDraft } from '../../merchant/offer-rules.js';
import { formErrorMessage, serverFieldErrors, type FieldErrors } from '../../merchant/field-errors.js';
import { Field } from '../merchant/Field.js';

type Props = { draft: OfferDraft; onDraftErrors: (errors: FieldErrors) => void };

/**
 * "Testar": a buyer's question answered by Sara's offline brain with the draft as it is now,
 * before it is saved. The server composes the reply as the worker would; nothing is sent.
 */
export function OfferTester({ draft, onDraftErrors }: Props) {
  const test = useTestOffer();
  const [question, setQuestion] = useState('');
  const [questionError, setQuestionError] = useState<string | undefined>();
  const [draftInvalid, setDraftInvalid] = useState(false);
  // What the shown answer was computed from: an edit since then makes it out of date.
  const [tested, setTested] = useState('');

  const run = (event: FormEvent) => {
    event.preventDefault();
    const text = question.trim();
    const problem = !text || text.length > MAX_FAQ_TEXT ? describeOfferField('question')! : undefined;
    setQuestionError(problem);
    const errors = validateOffer(draft, { checkProductId: false });
    onDraftErrors(errors);
    setDraftInvalid(Object.keys(errors).length > 0);
    if (problem || Object.keys(errors).length > 0) return;
    const request = offerTestRequest(draft, text);
    setTested(JSON.stringify(request));
    test.mutate(request, {
      onError: (error) => {
        if ((serverFieldErrors(error, describeOfferField) ?? {}).question) setQuestionError(describeOfferField('question')!);
        const refused = serverFieldErrors(error, describeOfferField, 'offer.');
        if (refused) onDraftErrors(refused);
      },
    });
  };

  const result = test.data;
  const outdated = result !== undefined && tested !== JSON.stringify(offerTestRequest(draft, question.trim()));
  return (
    <section className="tester" aria-labelledby="tester-title">
      <h2 id="tester-title">Testar antes de salvar</h2>
      <p className="hint">Escreva uma pergunta como um comprador faria e veja o que a Sara responderia com a oferta como está agora. Nada é enviado.</p>
      <form onSubmit={run} aria-labelledby="tester-title">
        <Field form="teste" name="question" label="Pergunta do comprador" error={questionError}>
          {(control) => (
            <input
              {...control}
              type="text"
              maxLength={MAX_FAQ_TEXT}
              value={question}
              onChange={(e) => setQuestion(e.target.value)}
              placeholder="Ex.: tem garantia?"
            />
          )}
        </Field>
        <button type="submit" className="button" disabled={test.isPending}>
          Testar
        </button>
      </form>
      <div aria-live="polite" className="tester-result">
        {test.isPending && <p className="muted">Perguntando à Sara…</p>}
        {draftInvalid && !test.isPending && (
          <p role="alert" className="alert">
            Corrija os campos destacados da oferta para testar.
          </p>
        )}
        {test.isError && !draftInvalid && (
          <p role="alert" className="alert">
            {formErrorMessage(test.error, errorMessage)}
          </p>
        )}
        {result && test.isSuccess && (
          <>
            <p className="tester-entry">
              {result.entry ? (
                <>
                  A Sara usaria a pergunta {result.entry.index + 1}: <q>{result.entry.question}</q>
                </>
              ) : result.unanswered ? (
                'Nenhuma pergunta cadastrada responde a isso: a Sara diria que vai confirmar com a equipe e marcaria a conversa como “Precisa de atendimento”.'
              ) : (
                'A Sara responderia sem usar nenhuma pergunta cadastrada.'
              )}
            </p>
            {outdated && <p className="hint">A oferta ou a pergunta mudou desde este teste: clique em Testar de novo.</p>}
            <h3>Resposta que a Sara enviaria</h3>
            <p className="message message-out tester-reply">{result.reply}</p>
          </>
        )}
      </div>
    </section>
  );
}
