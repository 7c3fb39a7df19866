import { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// Vitest's jsdom keeps Node's fetch but jsdom's FormData/Blob/File, which Node's fetch
// cannot send (the request hangs). A browser has one matching set; so do these tests.
if (typeof window !== 'undefined') {
  const NodeFormData = (await new Response('a=b', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }).formData()).constructor;
  Object.assign(globalThis, { FormData: NodeFormData, Blob: NodeBlob, File: NodeFile });
  afterEach(() => cleanup());
}
