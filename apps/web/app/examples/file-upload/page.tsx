import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FileUploadExample } from '@/components/examples/file-upload-example';

export const metadata: Metadata = { title: 'File upload' };

export default function FileUploadPage() {
  return (
    <Suspense>
      <FileUploadExample />
    </Suspense>
  );
}
