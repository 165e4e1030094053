import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

/**
 * Renders the whole graph (not just what is on screen) to a PNG or SVG data URL by framing
 * every node in an off-screen viewport transform.
 */
export async function renderGraphImage(nodes: Node[], format: 'png' | 'svg'): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport || nodes.length === 0) throw new Error('There is nothing on the canvas to export');
  const bounds = getNodesBounds(nodes);
  const pad = 40;
  const width = Math.min(8000, Math.ceil(bounds.width + pad * 2));
  const height = Math.min(8000, Math.ceil(bounds.height + pad * 2));
  const v = getViewportForBounds(bounds, width, height, 0.1, 2, pad);
  const background = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#ffffff';
  const options = {
    backgroundColor: background,
    width,
    height,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${v.x}px, ${v.y}px) scale(${v.zoom})` },
  };
  return format === 'png' ? toPng(viewport, options) : toSvg(viewport, options);
}

/** Decoded here rather than with fetch(): the CSP allows connections to our own origin only. */
export async function dataUrlToBlob(url: string): Promise<Blob> {
  const comma = url.indexOf(',');
  const header = url.slice(5, comma);
  const body = url.slice(comma + 1);
  const type = header.split(';')[0] || 'application/octet-stream';
  if (header.endsWith(';base64')) return new Blob([Uint8Array.from(atob(body), (c) => c.charCodeAt(0))], { type });
  return new Blob([decodeURIComponent(body)], { type });
}
