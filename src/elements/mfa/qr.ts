/**
 * A QR code for TOTP set-up, drawn as one SVG path from lean-qr's bit matrix (no innerHTML, no
 * canvas). lean-qr is imported on first use, so a page that never sets up an authenticator app
 * never downloads it.
 */
import { html, svg, type TemplateResult } from 'lit';

/** The part of lean-qr's Bitmap2D this module reads. */
export interface QrMatrix {
  readonly size: number;
  get(x: number, y: number): boolean;
}

/** Modules of light margin around the code, as the QR standard asks for scanners to find it. */
const QUIET_ZONE = 4;

let encoder: Promise<typeof import('lean-qr')> | undefined;

/** The QR bit matrix for `text`, loading the encoder the first time. */
export async function qrMatrix(text: string): Promise<QrMatrix> {
  encoder ??= import('lean-qr');
  try {
    const { generate, correction } = await encoder;
    // Medium error correction: still small for an otpauth:// URI, and forgiving of a glare on screen.
    return generate(text, { minCorrectionLevel: correction.M });
  } catch (error) {
    // A chunk that failed to load (offline, say) may load next time.
    encoder = undefined;
    throw error;
  }
}

/** SVG path data with one rectangle per horizontal run of dark modules (far shorter than one per module). */
export function qrPath(matrix: QrMatrix): string {
  let d = '';
  for (let y = 0; y < matrix.size; y++) {
    let x = 0;
    while (x < matrix.size) {
      if (!matrix.get(x, y)) {
        x++;
        continue;
      }
      let run = 1;
      while (x + run < matrix.size && matrix.get(x + run, y)) run++;
      d += `M${x} ${y}h${run}v1h-${run}z`;
      x += run;
    }
  }
  return d;
}

/** The code as an image with an accessible name; dark on light whatever the color scheme, so it scans. */
export function qrSvg(matrix: QrMatrix, label: string): TemplateResult {
  const extent = matrix.size + QUIET_ZONE * 2;
  return html`<svg
    class="cognito-qr"
    role="img"
    aria-label=${label}
    viewBox="${-QUIET_ZONE} ${-QUIET_ZONE} ${extent} ${extent}"
    xmlns="http://www.w3.org/2000/svg"
    shape-rendering="crispEdges"
  >
    ${svg`<rect x=${-QUIET_ZONE} y=${-QUIET_ZONE} width=${extent} height=${extent} fill="#ffffff"></rect>`}
    ${svg`<path d=${qrPath(matrix)} fill="#000000"></path>`}
  </svg>`;
}
