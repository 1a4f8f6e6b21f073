import { ApiError, isProblem } from '../api/problem';

/** The file name an attachment's Content-Disposition gives, or `fallback`. */
function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  return /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
}

/**
 * Saves an attachment the API answered (an export, a job's result). The endpoints need the bearer
 * token, which a plain link cannot send: the body is read with the typed client and handed to the
 * browser as a file.
 */
export async function saveAttachment(
  answer: { data?: Blob; error?: unknown; response: Response },
  fallbackName: string,
): Promise<string> {
  if (!answer.response.ok || !answer.data)
    throw new ApiError(answer.response.status, isProblem(answer.error) ? answer.error : undefined);
  const fileName = fileNameOf(answer.response, fallbackName);
  const url = URL.createObjectURL(answer.data);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
