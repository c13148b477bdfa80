import './csp-nonce.ts';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './ide.css';
import './report/report.css';
import './report/changes.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import { EXAMPLE_OPERATIONS } from '../examples.ts';
import { examplesPlugin } from './examples-plugin.tsx';
import { formatVariables } from './format.ts';
import { InitialTabSync } from './initial-tab-sync.tsx';
import { ReportView } from './report/report-view.tsx';

/** The gateway writes its GraphQL path into this meta tag when it serves the page. */
const graphqlPath =
  document.querySelector<HTMLMetaElement>('meta[name="regkg-graphql-path"]')?.content || '/graphql';

/**
 * Same-origin POST of one operation; the headers pane's JSON arrives in `opts.headers` (an API key
 * goes there). Plain fetch: no subscriptions, and nothing that could reach another host.
 */
const fetcher: Fetcher = async (params, opts) => {
  const response = await fetch(graphqlPath, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/graphql-response+json, application/json',
      'content-type': 'application/json',
      ...(opts?.headers as Record<string, string> | undefined),
    },
    body: JSON.stringify(params),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status} from ${graphqlPath}: ${text.slice(0, 500)}` }] };
  }
};

const defaultTabs = EXAMPLE_OPERATIONS.map((example) => ({
  query: example.query,
  variables: formatVariables(example.variables),
  headers: example.headers ?? null,
}));

const container = document.getElementById('ide');
if (!container) throw new Error('#ide container missing from index.html');

createRoot(container).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={defaultTabs}
      plugins={[examplesPlugin]}
      visiblePlugin={examplesPlugin}
      defaultEditorToolsVisibility="variables"
      shouldPersistHeaders={false}
    >
      <GraphiQL.Logo>
        <span className="regkg-logo">
          regkg <small>규제 지식그래프 · compliance IDE</small>
        </span>
      </GraphiQL.Logo>
      <GraphiQL.Footer>
        <InitialTabSync />
        <ReportView />
        <p className="regkg-footer">
          GraphQL: <code>{graphqlPath}</code> · 모든 파일은 이 서버에서 제공됩니다 · all assets served by this gateway
        </p>
      </GraphiQL.Footer>
    </GraphiQL>
  </StrictMode>,
);
