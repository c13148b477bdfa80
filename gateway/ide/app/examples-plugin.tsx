import type { GraphiQLPlugin } from '@graphiql/react';
import { useGraphiQL, useGraphiQLActions } from '@graphiql/react';
import { EXAMPLE_OPERATIONS, type ExampleOperation } from '../examples.ts';
import { formatVariables } from './format.ts';

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <rect x="4" y="3" width="16" height="18" rx="2" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </svg>
  );
}

/** Opens an example in a new tab, so the user's own tabs are never overwritten. */
function ExamplesContent() {
  const { addTab, setOperationName } = useGraphiQLActions();
  const editors = useGraphiQL((s) => ({ q: s.queryEditor, v: s.variableEditor, h: s.headerEditor }));

  const open = (example: ExampleOperation) => {
    addTab();
    editors.q?.setValue(example.query);
    editors.v?.setValue(formatVariables(example.variables));
    editors.h?.setValue(example.headers ?? '');
    // GraphiQL derives the operation name from the editor after a debounce; a run in between would
    // send the previous tab's name ("Unknown operation named …"). Every example is one named operation.
    const name = /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(example.query)?.[1];
    if (name) setOperationName(name);
  };

  return (
    <section className="regkg-examples" aria-labelledby="regkg-examples-title">
      <h2 id="regkg-examples-title" className="graphiql-doc-explorer-title">
        예제 <span lang="en">· Examples</span>
      </h2>
      <p className="regkg-examples-hint">
        실행: <kbd>Ctrl</kbd>+<kbd>Enter</kbd> · API 키는 헤더 창(<code>x-api-key</code>)에 넣습니다.
        <br />
        <span lang="en">
          Run with <kbd>Ctrl</kbd>+<kbd>Enter</kbd>; put an API key in the headers pane (<code>x-api-key</code>).
        </span>
      </p>
      <ol>
        {EXAMPLE_OPERATIONS.map((example) => (
          <li key={example.id} data-example-id={example.id}>
            <button type="button" className="regkg-example-open" onClick={() => open(example)}>
              <strong>{example.titleKo}</strong>
              <span lang="en">{example.titleEn}</span>
            </button>
            <p>{example.descriptionKo}</p>
            <p lang="en">{example.descriptionEn}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export const examplesPlugin: GraphiQLPlugin = {
  title: '예제 · Examples',
  icon: ExamplesIcon,
  content: ExamplesContent,
};
