import { useEffect, useRef } from 'react';
import { useGraphiQL } from '@graphiql/react';

/**
 * GraphiQL 5.4 fills the query editor from the first of `defaultTabs` on a fresh start but leaves
 * the variables and headers editors empty (it reads only the `initialVariables`/`initialHeaders`
 * props there), so the first example would run without its variables. Copy them in once, only into
 * editors that are still empty.
 */
export function InitialTabSync() {
  const { variableEditor, headerEditor, tabs, activeTabIndex } = useGraphiQL((s) => ({
    variableEditor: s.variableEditor,
    headerEditor: s.headerEditor,
    tabs: s.tabs,
    activeTabIndex: s.activeTabIndex,
  }));
  const done = useRef(false);

  useEffect(() => {
    if (done.current || !variableEditor || !headerEditor) return;
    done.current = true;
    const tab = tabs[activeTabIndex];
    if (tab?.variables && !variableEditor.getValue()) variableEditor.setValue(tab.variables);
    if (tab?.headers && !headerEditor.getValue()) headerEditor.setValue(tab.headers);
  }, [variableEditor, headerEditor, tabs, activeTabIndex]);

  return null;
}
