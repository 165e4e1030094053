import type { ImageFormat } from './formats';

/** An image whose signature and header checked out; not decoded yet. */
export interface ValidImage {
  readonly path: string;
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
  readonly bytes: Uint8Array;
}

/** A valid image with its class label, ready for decoding. */
export interface ImageSample extends ValidImage {
  readonly label: string;
}
