import { html, nothing } from 'lit';

/**
 * A labelled text field with its validation message, tied together for screen readers
 * (`aria-invalid`, `aria-describedby`). Validation is ours (`novalidate` forms), so the
 * messages are plain sentences in the widget's language.
 */
export function field(name: string, label: string, error: string, type = 'text', autocomplete = name) {
  // The message sits outside the label: it describes the field, it does not rename it.
  return html`<label part="field"
    >${label}
    <input
      part="field-input"
      name=${name}
      type=${type}
      autocomplete=${autocomplete}
      aria-invalid=${error ? 'true' : 'false'}
      aria-describedby=${error ? `${name}-error` : nothing}
    /></label
  >${error ? html`<p class="invalid" id="${name}-error">${error}</p>` : nothing}`;
}
