import { useCallback, useEffect, useRef, useState } from 'react';
import type { Connection } from '@/api/client.ts';
import { testConnection } from '../api/test-connection.ts';
import {
  describeTestFailure,
  describeTestSuccess,
  type TestReport,
} from '../utils/describe-test-result.ts';

export type ConnectionTestState =
  { status: 'idle' } | { status: 'testing' } | { status: 'done'; report: TestReport };

/**
 * "Test connection": one request with the form's values, reported in words. Plain state rather
 * than a mutation, so the key is not kept in the mutation cache once the test is over.
 */
export function useConnectionTest(allowedOrigins?: readonly string[]) {
  const [state, setState] = useState<ConnectionTestState>({ status: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (connection: Connection) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setState({ status: 'testing' });
      let report: TestReport;
      try {
        report = describeTestSuccess(await testConnection(connection, current.signal));
      } catch (error) {
        if (current.signal.aborted) return;
        report = describeTestFailure(error, connection.apiKey, allowedOrigins);
      }
      if (!current.signal.aborted) setState({ status: 'done', report });
    },
    [allowedOrigins],
  );

  const reset = useCallback(() => {
    controller.current?.abort();
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
