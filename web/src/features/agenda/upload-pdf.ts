import { ApiError, isProblem, NETWORK_ERROR_CODE, type DocumentStored } from '../../base/api/index.ts';

export interface UploadOptions {
  /** Sent as Accept-Language, so a refusal's title comes back in the UI language. */
  readonly language: string;
  /** Bytes sent so far of the whole request; called as the browser reports upload progress. */
  readonly onProgress: (sent: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * POSTs a PDF as multipart/form-data (the field `file` after the text fields) and resolves with
 * what the server stored. XMLHttpRequest rather than fetch: only it reports upload progress.
 * Every failure is an ApiError, as with the JSON client.
 */
export function uploadPdf(url: string, file: File, fields: Record<string, string>, options: UploadOptions): Promise<DocumentStored> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', options.language);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as DocumentStored);
        return;
      }
      const problem = isProblem(body) ? body : null;
      reject(new ApiError({ status: xhr.status, code: problem?.code ?? `http_${xhr.status}`, problem }));
    });
    const networkError = () => reject(new ApiError({ status: 0, code: NETWORK_ERROR_CODE, problem: null }));
    xhr.addEventListener('error', networkError);
    xhr.addEventListener('timeout', networkError);
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
