/** How far the browser is with sending an upload's bytes. */
export interface SendProgress {
  sent: number;
  total: number;
}

export interface SendingFiles {
  /** Resolves once the server has taken the files; rejects with the server's message, or when aborted. */
  done: Promise<void>;
  abort: () => void;
}

/**
 * Sends files as multipart with XMLHttpRequest, whose `upload.onprogress` (unlike fetch)
 * reports the bytes as they leave the browser.
 */
export function sendFiles(url: string, token: string, files: readonly File[], onProgress: (progress: SendProgress) => void): SendingFiles {
  const xhr = new XMLHttpRequest();
  const form = new FormData();
  for (const file of files) form.append('file', file, file.name);
  const done = new Promise<void>((resolve, reject) => {
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ sent: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      reject(new Error(readMessage(xhr.responseText) ?? `the upload answered ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('the connection broke off while sending the files'));
    xhr.onabort = () => reject(new DOMException('The upload was stopped', 'AbortError'));
  });
  xhr.open('POST', url);
  xhr.setRequestHeader('authorization', `Bearer ${token}`);
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}

function readMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } };
    return typeof body.error?.message === 'string' ? body.error.message : undefined;
  } catch {
    return undefined;
  }
}
