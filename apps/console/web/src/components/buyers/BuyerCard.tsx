import { useEffect, useRef, useState } from 'react';
import type { BuyerErasureResponse, BuyerSummary } from '../../../../src/merchant-contract.js';
import { useEraseBuyer, useExportBuyer } from '../../api/buyers.js';
import { formatCount, formatDateTime } from '../../format.js';
import { errorMessage } from '../../labels.js';
import { optOutReasonLabel } from '../../merchant/labels.js';
import { OptOutHistory } from './OptOutHistory.js';

/** "+55 (11) 98765-4321" for a Brazilian number; any other as it came. */
export function formatPhone(e164: string): string {
  const m = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(e164);
  return m ? `+55 (${m[1]}) ${m[2]}-${m[3]}` : e164;
}

type Props = { buyer: BuyerSummary; onErased: (message: string) => void; /** Chosen by a click: reading goes on here. */ focusOnOpen: boolean };

/** One buyer: whether they may be messaged, and their LGPD rights — a copy of their data, or its erasure. */
export function BuyerCard({ buyer, onErased, focusOnOpen }: Props) {
  const exporter = useExportBuyer();
  const eraser = useEraseBuyer();
  const [confirming, setConfirming] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const eraseButton = useRef<HTMLButtonElement>(null);
  const confirmTitle = useRef<HTMLHeadingElement>(null);

  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
  }, [focusOnOpen]);
  useEffect(() => {
    if (confirming) confirmTitle.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    eraseButton.current?.focus();
  };
  const erase = () => eraser.mutate(buyer.phone, { onSuccess: (answer) => onErased(erasedMessage(buyer.name, answer)) });

  return (
    <section className="panel buyer" aria-labelledby="comprador-titulo">
      <h2 id="comprador-titulo" ref={heading} tabIndex={-1}>
        {buyer.name}
      </h2>
      <dl className="facts">
        <dt>Telefone</dt>
        <dd className="phone">{formatPhone(buyer.phone)}</dd>
        <dt>E-mail</dt>
        <dd className="break">{buyer.email ?? 'não informado'}</dd>
        <dt>Mensagens</dt>
        <dd>
          {buyer.optedOut
            ? `Pediu para sair${buyer.optedOutAt ? ` em ${formatDateTime(buyer.optedOutAt)}` : ''}: ${optOutReasonLabel(buyer.optedOutReason)}. A Sara não escreve mais.`
            : 'Recebe mensagens da Sara'}
        </dd>
        <dt>Carrinhos</dt>
        <dd>{formatCount(buyer.abandonments)}</dd>
        <dt>Última atividade</dt>
        <dd>{buyer.lastActivityAt ? formatDateTime(buyer.lastActivityAt) : 'nenhuma'}</dd>
      </dl>

      <div className="form-buttons">
        <button type="button" className="button" aria-expanded={showHistory} aria-controls="historico-saida" onClick={() => setShowHistory((shown) => !shown)}>
          Histórico de saída
        </button>
        <button type="button" className="button" disabled={exporter.isPending} onClick={() => exporter.mutate(buyer.phone)}>
          Exportar dados
        </button>
        <button
          ref={eraseButton}
          type="button"
          className="button button-danger"
          aria-expanded={confirming}
          aria-controls="apagar-confirmacao"
          onClick={() => setConfirming(true)}
        >
          Apagar dados
        </button>
      </div>
      <p role="status" className="notice">
        {exporter.isSuccess ? 'Arquivo com os dados do comprador baixado (JSON). Envie-o a ele pelo canal em que pediu.' : ''}
      </p>
      {exporter.isError && (
        <p role="alert" className="alert">
          {errorMessage(exporter.error)}
        </p>
      )}
      {showHistory && <OptOutHistory phone={buyer.phone} />}

      {confirming && (
        <div id="apagar-confirmacao" className="confirm" role="group" aria-labelledby="apagar-titulo">
          <h3 id="apagar-titulo" ref={confirmTitle} tabIndex={-1}>
            Apagar os dados de {buyer.name}?
          </h3>
          <p>
            Nome, telefone, e-mail e mensagens de {formatPhone(buyer.phone)} são apagados de vez; os totais do Painel continuam. Isso não pode ser desfeito.
            {buyer.optedOut && ' Como a pessoa pediu para sair, a Sara guarda só uma marca cifrada do número para nunca mais escrever para ela.'}
          </p>
          {eraser.isError && (
            <p role="alert" className="alert">
              {errorMessage(eraser.error)}
            </p>
          )}
          <div className="form-buttons">
            <button type="button" className="button button-danger button-solid" disabled={eraser.isPending} onClick={erase}>
              Confirmar exclusão
            </button>
            <button type="button" className="button button-quiet" onClick={cancel}>
              Cancelar
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

function erasedMessage(name: string, answer: BuyerErasureResponse): string {
  const { conversations, messages, abandonments } = answer.erased;
  const redis = answer.erased.jobs === null ? ' A limpeza das mensagens agendadas ficou pendente, mas os dados guardados já foram apagados.' : '';
  return `Dados de ${name} apagados: ${count(abandonments, 'carrinho', 'carrinhos')}, ${count(conversations, 'conversa', 'conversas')} e ${count(messages, 'mensagem', 'mensagens')}.${redis}`;
}

function count(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}
