/** Saves text or bytes as a file the way a browser downloads one (the desktop app asks where to save). */
export function download(fileName: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked after the click has been handed to the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
