import { Alert, Flex, Table, type TableColumnsType } from 'antd';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Result } from '../../shared/ipc/result';
import { useProblemText } from '../lib/errors';

/**
 * A list the statistics tabs load from the core (the sweep log, the frozen reports): loaded again whenever `load`
 * changes (make it with useCallback over what it depends on); `reload` after a change. Rows are null while loading.
 */
export function useLoadedRows<T>(load: () => Promise<Result<T[]>>) {
  const problemText = useProblemText();
  const [rows, setRows] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const r = await load();
    if (r.ok) { setRows(r.value); setError(null); } else setError(problemText(r.error));
  }, [load, problemText]);
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (!live) return;
      if (r.ok) { setRows(r.value); setError(null); } else setError(problemText(r.error));
    });
    return () => { live = false; };
  }, [load, problemText]);
  return { rows, error, setError, reload };
}

interface Props<T> {
  rows: T[] | null;
  error: string | null;
  columns: TableColumnsType<T>;
  empty: ReactNode;
  testId: string;
}

/** Such a list as the tabs show it: the error above, a small ruled table of rows by id, loading until the rows come. */
export function LogTable<T extends { id: number }>({ rows, error, columns, empty, testId }: Props<T>) {
  return (
    <Flex vertical gap="middle">
      {error && <Alert type="error" showIcon title={error} />}
      <Table<T>
        rowKey="id"
        size="small"
        bordered
        loading={rows === null && !error}
        dataSource={rows ?? []}
        pagination={false}
        data-testid={testId}
        locale={{ emptyText: empty }}
        columns={columns}
      />
    </Flex>
  );
}
