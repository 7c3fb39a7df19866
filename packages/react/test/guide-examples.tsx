/**
 * The frontend examples of the implementation guide the project started from, as written
 * there, against @liveprogress/react (docs/react.md, The guide's examples, lists every
 * change). `tsc --noEmit` type-checks this file and guide-examples.test.tsx renders the
 * examples against the in-process test server (@liveprogress/test-support/server).
 *
 * Only two kinds of change were made, each marked with a `CHANGED:` comment:
 * - import paths (the original imports from '@/hooks/…', '@/components/…', '@/context/…');
 * - the original's own slips (missing React imports, a form handler typed as the request,
 *   a component that returns nothing, snippets that need a component around them,
 *   names the original uses but never defines).
 */
// CHANGED: the original uses useState/useEffect without importing them; the layout types `children`.
import { useEffect, useState, type ReactNode } from 'react';
// CHANGED: import paths — everything comes from the package.
import { ProgressTracker, useLiveOperation, useWebSocket, WebSocketProvider } from '@liveprogress/react';

// ─── Stand-ins for names the original uses but does not define ────────────────────────────

// CHANGED: the original's 4.2 calls `router.push` (Next.js's useRouter); a recording stand-in.
export const router = {
  pushed: [] as string[],
  push(path: string): void {
    this.pushed.push(path);
  },
};

// CHANGED: the original's 5.2 calls `refetch()` from the table's own data hook; a counting stand-in.
export const tableData = { refetches: 0 };
const refetch = (): void => {
  tableData.refetches += 1;
};

// CHANGED: the original's layout wraps the provider in the app's own `AuthProvider`; a pass-through stand-in.
function AuthProvider({ children }: { children: ReactNode }): ReactNode {
  return children;
}

// ─── 2.1 Using the Generic Hook ─────────────────────────────────────────────────────────

interface MyOperationRequest {
  name: string;
  data: any;
}

interface MyOperationResponse {
  operationId: string;
  estimatedDuration: number;
}

export const MyOperationForm = () => {
  const [operationState, operationActions] = useLiveOperation<MyOperationRequest, MyOperationResponse>({
    // API Configuration
    apiEndpoint: '/api/my-operations',
    method: 'POST',

    // Operation Details
    operationType: 'my_operation',
    operationName: 'My Custom Operation',

    // WebSocket Configuration
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,

    // Messages
    successMessage: 'Operation completed successfully!',
    errorMessage: 'Operation failed',

    // Event Handlers
    onStart: (request) => {
      console.log('Operation started:', request);
    },
    onProgress: (progress) => {
      console.log('Progress:', progress);
    },
    onComplete: (result) => {
      console.log('Operation completed:', result);
    },
    onError: (error) => {
      console.error('Operation failed:', error);
    },

    // Table refresh
    tableNames: ['my_operations'],
  });

  const handleSubmit = async (formData: MyOperationRequest) => {
    await operationActions.execute(formData);
  };

  return (
    <div>
      {/* Your form UI */}
      {/* CHANGED: the original passes `handleSubmit` (typed as the request) straight to onSubmit;
          a form handler receives the event, so read the fields from the form and call it. */}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const fields = new FormData(event.currentTarget);
          void handleSubmit({ name: String(fields.get('name') ?? ''), data: { note: String(fields.get('note') ?? '') } });
        }}
      >
        {/* Form fields */}
        {/* CHANGED: two fields, so the form has something to submit. */}
        <input name="name" aria-label="Name" defaultValue="My Operation" />
        <input name="note" aria-label="Note" defaultValue="from the guide" />
        <button
          type="submit"
          disabled={operationState.isLoading}
        >
          {operationState.isLoading ? 'Processing...' : 'Start Operation'}
        </button>
      </form>

      {/* Progress display */}
      {operationState.progress && (
        <div className="mt-4">
          <div className="flex justify-between">
            <span>{operationState.progress.message}</span>
            <span>{operationState.progress.progress}%</span>
          </div>
          <div className="w-full bg-gray-200 rounded-full h-2">
            <div
              className="bg-blue-600 h-2 rounded-full transition-all duration-300"
              style={{ width: `${operationState.progress.progress}%` }}
            />
          </div>
        </div>
      )}
    </div>
  );
};

// ─── 2.2 Using the Progress Tracker Component ───────────────────────────────────────────

const OPERATION_STAGES = [
  { id: 'initialization', name: 'Initialization', description: 'Starting operation', order: 1 },
  { id: 'processing', name: 'Processing', description: 'Processing data', order: 2 },
  { id: 'validation', name: 'Validation', description: 'Validating results', order: 3 },
  { id: 'completion', name: 'Completion', description: 'Finalizing operation', order: 4 },
];

export const MyOperationWithTracker = () => {
  const [operationId, setOperationId] = useState<string | null>(null);

  const handleStartOperation = async () => {
    const response = await fetch('/api/my-operations', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'My Operation' }),
    });

    const result = await response.json();
    setOperationId(result.data.operationId);
  };

  return (
    <div>
      <button onClick={handleStartOperation}>Start Operation</button>

      {operationId && (
        <ProgressTracker
          config={{
            operationId,
            operationType: 'my_operation',
            title: 'My Custom Operation',
            description: 'Processing your request',
            stages: OPERATION_STAGES,
            showDetails: true,
            showTimeEstimate: true,
            showStages: true,
            autoStart: true,
          }}
        />
      )}
    </div>
  );
};

// ─── 3.2 Custom Event Subscriptions ─────────────────────────────────────────────────────

export const MyComponent = () => {
  const { subscribeToEvent, unsubscribeFromEvent } = useWebSocket();

  useEffect(() => {
    const subscriptionId = subscribeToEvent('custom.event.*', (data) => {
      console.log('Custom event received:', data);
    });

    return () => unsubscribeFromEvent(subscriptionId);
  }, []);

  // CHANGED: the original's component returns nothing, which JSX cannot render.
  return null;
};

// ─── 4.2 Custom Toast Handling ──────────────────────────────────────────────────────────

// CHANGED: the original shows the hook call alone; a component around it, and a button to start it.
export const CustomToastHandling = () => {
  const [operationState, operationActions] = useLiveOperation({
    // ... other config
    // CHANGED: "... other config" filled in with the required fields.
    apiEndpoint: '/api/my-operations',
    operationType: 'my_operation',
    operationName: 'My Custom Operation',
    onToast: (toast) => {
      // Custom toast handling
      if (toast.type === 'success') {
        // Navigate to results page
        router.push('/results');
      }
    },
  });
  return (
    <button onClick={() => operationActions.execute({ name: 'Toast example' })} disabled={operationState.isLoading}>
      Run toast example
    </button>
  );
};

// ─── 5.2 Frontend Table Refresh Handling ────────────────────────────────────────────────

// CHANGED: "In your table component" — the component around the snippet.
export const MyOperationsTable = () => {
  // In your table component
  const { onTableRefresh, offTableRefresh } = useWebSocket();

  useEffect(() => {
    const subscriptionId = onTableRefresh('my_operations', (event) => {
      console.log('Table refresh event:', event);

      // Refresh your table data
      refetch(); // or however you refresh your data
    });

    return () => offTableRefresh(subscriptionId);
  }, []);

  return null; // CHANGED: a component returns something.
};

// ─── Example 1: File Upload with Progress ───────────────────────────────────────────────

// CHANGED: a component around the snippet, and a file input that calls its handler.
export const FileUploadExample = () => {
  const [uploadState, uploadActions] = useLiveOperation({
    apiEndpoint: '/api/files/upload',
    operationType: 'file_upload',
    operationName: 'File Upload',
    enableProgress: true,
    enableToasts: true,
    successMessage: 'File uploaded successfully!',
    errorMessage: 'Upload failed',
  });

  const handleFileUpload = (file: File) => {
    uploadActions.execute({ file, destination: 'uploads/' });
  };

  return (
    <div>
      <input
        type="file"
        aria-label="File"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) handleFileUpload(file);
        }}
      />
      <p>{uploadState.status}</p>
      {/* CHANGED: exposes the handler to the test, which passes a File its fetch can send. */}
      <button onClick={() => handleFileUpload(new File(['guide example upload'], 'example.txt', { type: 'text/plain' }))}>Upload example file</button>
    </div>
  );
};

// ─── Example 2: Data Import with Stages ─────────────────────────────────────────────────

const IMPORT_STAGES = [
  { id: 'validation', name: 'Validation', description: 'Validating file format', order: 1 },
  { id: 'processing', name: 'Processing', description: 'Processing records', order: 2 },
  { id: 'storing', name: 'Storing', description: 'Storing in database', order: 3 },
  { id: 'indexing', name: 'Indexing', description: 'Building search index', order: 4 },
];

// CHANGED: a component around the snippet; it shows IMPORT_STAGES in a ProgressTracker,
// which the original defines them for but never shows.
export const DataImportExample = () => {
  const [importState, importActions] = useLiveOperation({
    apiEndpoint: '/api/data/import',
    operationType: 'data_import',
    operationName: 'Data Import',
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,
    tableNames: ['imported_data'],
    successMessage: 'Data imported successfully!',
    errorMessage: 'Import failed',
  });

  return (
    <div>
      <button onClick={() => importActions.execute({ name: 'Customers import' })}>Import data</button>
      {importState.operationId && (
        <ProgressTracker
          config={{ operationId: importState.operationId, operationType: 'data_import', title: 'Data Import', stages: IMPORT_STAGES, showStages: true }}
        />
      )}
    </div>
  );
};

// ─── Example 3: Batch Operations ────────────────────────────────────────────────────────

// CHANGED: a component around the snippet, and a button to start it.
export const BatchExample = () => {
  const [batchState, batchActions] = useLiveOperation({
    apiEndpoint: '/api/batch/process',
    operationType: 'batch_process',
    operationName: 'Batch Processing',
    enableProgress: true,
    enableToasts: true,
    successMessage: 'Batch processing completed!',
    errorMessage: 'Batch processing failed',
    onProgress: (progress) => {
      // Custom progress handling
      if (progress.details?.processedCount) {
        console.log(`Processed: ${progress.details.processedCount} items`);
      }
    },
  });

  return (
    <button onClick={() => batchActions.execute({ items: 20 })} disabled={batchState.isLoading}>
      Process batch
    </button>
  );
};

// ─── WebSocket Context Options ──────────────────────────────────────────────────────────

// CHANGED: the original shows the element alone; a component around it.
export const ContextOptions = ({ children }: { children: ReactNode }) => (
  <WebSocketProvider autoConnect={true}>
    {children}
  </WebSocketProvider>
);

// ─── Installation step 2: app/layout.tsx ────────────────────────────────────────────────

// CHANGED: `{ children }` typed (the original's is an implicit any).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html>
      <body>
        <AuthProvider>
          <WebSocketProvider>
            {children}
          </WebSocketProvider>
        </AuthProvider>
      </body>
    </html>
  );
}

// ─── Debug Mode ─────────────────────────────────────────────────────────────────────────

// CHANGED: a component around the snippet (hooks run inside components).
export const DebugMode = () => {
  // Enable debug logging
  const { getActiveSubscriptions } = useWebSocket();

  console.log('Active subscriptions:', getActiveSubscriptions());

  return null; // CHANGED: a component returns something.
};
