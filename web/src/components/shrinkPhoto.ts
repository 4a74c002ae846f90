/**
 * A phone photo over the upload limit, made smaller in the browser before it is sent: drawn at most
 * 1600 px on its long side as JPEG — the size the server re-encodes every photo to anyway. Photos
 * within the limit go as they are; what cannot be decoded goes as it is, and the server refuses it
 * in Chinese.
 */
export async function shrinkPhoto(file: File, maxBytes: number, maxSide = 1600): Promise<File> {
  if (file.size <= maxBytes) return file;
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' }).catch(() => null);
  if (!bitmap) return file;
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
  if (!blob) return file;
  return new File([blob], `${file.name.replace(/\.[^.]+$/, '')}.jpg`, { type: 'image/jpeg' });
}
