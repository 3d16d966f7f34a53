// The preview's "screen": it has no desktop to share, so the capture page paints one. The time
// and a bar that moves across make every frame differ, so the technician's console (and the
// end-to-end test) can tell a live picture from a frozen one.

export const FAKE_SOURCE = { width: 1280, height: 720, fps: 15 } as const;

export function fakeScreenStream(doc: Document = document, now: () => Date = () => new Date()): MediaStream {
  const canvas = doc.createElement('canvas');
  canvas.width = FAKE_SOURCE.width;
  canvas.height = FAKE_SOURCE.height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  let frame = 0;
  const paint = () => {
    const { width, height } = canvas;
    context.fillStyle = '#0b3d5c';
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#f5b700';
    const barWidth = width / 8;
    context.fillRect(((frame * 12) % (width + barWidth)) - barWidth, height - 120, barWidth, 60);
    context.fillStyle = '#ffffff';
    context.font = '64px sans-serif';
    context.fillText(`hallo, preview ${now().toLocaleTimeString('nl-NL')}`, 60, 140);
    context.font = '32px sans-serif';
    context.fillText(`frame ${frame}`, 60, 200);
    frame++;
  };
  paint();
  // A timer, not requestAnimationFrame: the capture page is never visible, and hidden pages get no frames.
  const timer = setInterval(paint, 1000 / FAKE_SOURCE.fps);
  const stream = canvas.captureStream(FAKE_SOURCE.fps);
  // Painting stops with the track (the engine stops every track at the end).
  for (const track of stream.getTracks()) {
    const stop = track.stop.bind(track);
    track.stop = () => {
      clearInterval(timer);
      stop();
    };
  }
  return stream;
}
