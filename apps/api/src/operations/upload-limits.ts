/** The upload example's limits, checked before the bytes are sent and again while they arrive. */
export const MAX_UPLOAD_FILES = 20;
export const MAX_UPLOAD_FILE_BYTES = 25 * 1024 * 1024;

/** `"scan.tiff" is 28.6 MB; files may be up to 25 MB each`, the size left out when it is not known yet. */
export function fileTooLargeMessage(name: string, size?: number): string {
  const actual = size === undefined ? 'larger than 25 MB' : `${(size / (1024 * 1024)).toFixed(1)} MB`;
  return `"${name}" is ${actual}; files may be up to 25 MB each`;
}
