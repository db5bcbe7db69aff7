import { useSequences, useSettings } from '../api/recovery.js';
import { LoadError, Loading } from '../components/merchant/PageState.js';
import { SequenceEditor } from '../components/recovery/SequenceEditor.js';
import { SettingsForm } from '../components/recovery/SettingsForm.js';
import { useDocumentTitle } from '../use-document-title.js';
import '../merchant.css';
import './SequencesPage.css';

export function SequencesPage() {
  useDocumentTitle('Sequências e horários');
  const sequences = useSequences();
  const settings = useSettings();

  return (
    <div className="merchant-page">
      <h1>Sequências e horários</h1>
      <p className="muted page-intro">
        Quando a Sara escreve para cada tipo de abandono, em que horário ela fica em silêncio e quantas mensagens cada comprador recebe.
      </p>

      {settings.isPending ? <Loading what="os ajustes" /> : settings.isError ? <LoadError error={settings.error} /> : <SettingsForm settings={settings.data} />}

      <section aria-labelledby="sequencias-titulo">
        <h2 id="sequencias-titulo">Sequências de mensagens</h2>
        <p className="hint">O tempo de cada mensagem conta a partir do abandono.</p>
        {sequences.isPending ? (
          <Loading what="as sequências" />
        ) : sequences.isError ? (
          <LoadError error={sequences.error} />
        ) : (
          sequences.data.sequences.map((sequence) => <SequenceEditor key={sequence.kind} sequence={sequence} />)
        )}
      </section>
    </div>
  );
}
