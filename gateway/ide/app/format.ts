/** Variables as the variables pane shows them: pretty JSON, or empty for none. */
export function formatVariables(variables: Record<string, unknown>): string {
  return Object.keys(variables).length ? JSON.stringify(variables, null, 2) : '';
}
