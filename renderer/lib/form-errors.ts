import type { FormInstance } from 'antd';
import type { Issue } from '../../shared/ipc/result';

type NamePath = (string | number)[];

/** `parties.1.idNumber` → ['parties', 1, 'idNumber'] */
export const pathOf = (dotted: string): NamePath =>
  dotted.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Puts the core's issues on the fields they name. `locate` maps an issue path onto a form field
 * (or null when the form has no such field); returns the issues no field could show.
 */
export function applyIssues(
  form: FormInstance, issues: Issue[], text: (i: Issue) => string,
  locate: (path: NamePath) => NamePath | null = (p) => p,
): Issue[] {
  const unplaced: Issue[] = [];
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  for (const issue of issues) {
    const name = locate(pathOf(issue.path));
    if (!name || name.length === 0) {
      unplaced.push(issue);
      continue;
    }
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(text(issue));
    byField.set(key, entry);
  }
  const fields = [...byField.values()];
  if (fields.length > 0) {
    form.setFields(fields);
    form.scrollToField(fields[0].name, { block: 'center' });
  }
  return unplaced;
}
