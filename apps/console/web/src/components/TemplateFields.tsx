import type { TemplateChoice } from '../../../src/contract.js';

type Props = { templates: TemplateChoice[]; value: TemplateChoice; onChange: (next: TemplateChoice) => void; autoFocus?: boolean };

/** The approved template and its parameters, prefilled for this buyer by the server and editable. */
export function TemplateFields({ templates, value, onChange, autoFocus = false }: Props) {
  return (
    <fieldset className="template-fields">
      <legend className="sr-only">Modelo aprovado</legend>
      <div className="field">
        <label htmlFor="composer-template">Modelo</label>
        <select
          id="composer-template"
          autoFocus={autoFocus}
          value={value.name}
          onChange={(event) => {
            const chosen = templates.find((t) => t.name === event.target.value);
            if (chosen) onChange({ name: chosen.name, parameters: [...chosen.parameters] });
          }}
        >
          {templates.map((template) => (
            <option key={template.name} value={template.name}>
              {template.name}
            </option>
          ))}
        </select>
      </div>
      {value.parameters.map((parameter, index) => (
        <div className="field" key={`${value.name}-${index}`}>
          <label htmlFor={`composer-parameter-${index}`}>Parâmetro {index + 1}</label>
          <input
            id={`composer-parameter-${index}`}
            type="text"
            value={parameter}
            required
            onChange={(event) => onChange({ name: value.name, parameters: value.parameters.map((old, i) => (i === index ? event.target.value : old)) })}
          />
        </div>
      ))}
    </fieldset>
  );
}
