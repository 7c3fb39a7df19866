import { LiveProgressClient } from '@liveprogress/client';
import { type AnyOperationContract, isOperationContract, ServerEvent, type TableRefreshPayload } from '@liveprogress/protocol';
import type { ReactNode } from 'react';
// By the package's name, not a relative path: the CommonJS build bundles each entry alone, and the
// hooks of the main entry must see this provider's context, not a copy.
import { WebSocketProvider } from '@liveprogress/react';
import { ScriptedServer, type ScriptedOperationInit } from './scripted-server.js';
import { ScriptedTransport } from './scripted-transport.js';
import { type ContractTestOperation, type TestOperation, testOperation } from './test-operation.js';

export interface TestLiveProgress {
  /** The provider for `render(…, { wrapper })`: `WebSocketProvider` over the scripted client. */
  wrapper: (props: { children?: ReactNode }) => ReactNode;
  /**
   * The operation with this id, created pending on first use (`init` applies then). A component
   * may watch an id before the test names it: it sees the same pending operation.
   */
  operation(operationId: string, init?: ScriptedOperationInit): TestOperation;
  /** The same, typed by a contract: `update` takes only its stages and details, `complete` only its result. */
  operation<C extends AnyOperationContract>(contract: C, operationId: string, init?: Omit<ScriptedOperationInit, 'operationType'>): ContractTestOperation<C>;
  /** Sends `platform.table.refresh` for `table`, as the server's `refreshTable` does. */
  refreshTable(table: string, action?: string, affectedIds?: string[]): Promise<void>;
  /** The real client the hooks below `wrapper` use, for anything else. */
  client: LiveProgressClient;
}

/**
 * A LiveProgress for a component test (docs/testing.md, React components): the real client,
 * store and reducer over an in-memory server that the test scripts. Nothing to start, no
 * network, no timers: it works with real or fake timers, in jsdom or happy-dom.
 */
export function createTestLiveProgress(): TestLiveProgress {
  const server = new ScriptedServer();
  const client = new LiveProgressClient({
    url: 'http://liveprogress.test',
    autoConnect: false,
    // A microtask rather than an animation frame: the test waits on no timer.
    notify: 'microtask',
    transport: (hooks) => new ScriptedTransport(server, hooks),
  });
  client.connect();

  function wrapper({ children }: { children?: ReactNode }): ReactNode {
    return (
      <WebSocketProvider client={client} systemToasts={false}>
        {children}
      </WebSocketProvider>
    );
  }

  function operation(first: string | AnyOperationContract, second?: string | ScriptedOperationInit, third?: ScriptedOperationInit): TestOperation {
    if (isOperationContract(first)) {
      const id = second as string;
      server.ensure(id, { ...third, operationType: first.type, stages: third?.stages ?? first.stages.map((stage, order) => ({ ...stage, order })) });
      return testOperation(server, id);
    }
    server.ensure(first, second as ScriptedOperationInit | undefined);
    return testOperation(server, first);
  }

  return {
    wrapper,
    operation: operation as TestLiveProgress['operation'],
    async refreshTable(table, action = 'updated', affectedIds) {
      const payload: TableRefreshPayload = {
        type: 'table_refresh',
        table,
        action,
        ...(affectedIds ? { affectedIds } : {}),
        metadata: { timestamp: Date.now(), initiatedBy: 'system' },
      };
      server.push(ServerEvent.TABLE_REFRESH, payload);
      await Promise.resolve();
    },
    client,
  };
}
