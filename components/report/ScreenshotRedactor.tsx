import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Box } from '../../utils/reports/redact';
import { i18n } from '../../utils/i18n';

/** Smallest box a drag makes, in image pixels (a click is not a box). */
const MIN_SIDE = 6;
/** How far an arrow key moves or grows the selected box, in image pixels (Shift: ten times). */
const STEP = 10;

/**
 * The screenshot with the boxes to black out. Drag on the image to draw a box; every box is a
 * focusable button, moved with the arrow keys, resized with Alt+arrows (Shift: bigger steps) and removed with Delete,
 * so redaction works from the keyboard too. "Add box" puts a new one in the middle.
 */
export function ScreenshotRedactor({
  image,
  boxes,
  onChange,
}: {
  image: ImageBitmap;
  boxes: Box[];
  onChange: (boxes: Box[]) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [drag, setDrag] = useState<{ x: number; y: number; box: Box } | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.drawImage(image, 0, 0);
    context.fillStyle = '#000';
    for (const box of [...boxes, ...(drag ? [drag.box] : [])]) context.fillRect(box.x, box.y, box.width, box.height);
  }, [image, boxes, drag]);

  /** A pointer position in image pixels. */
  const toImage = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return {
      x: Math.round(((event.clientX - rect.left) / rect.width) * image.width),
      y: Math.round(((event.clientY - rect.top) / rect.height) * image.height),
    };
  };

  const move = (index: number, event: KeyboardEvent<HTMLButtonElement>) => {
    const box = boxes[index]!;
    const step = event.shiftKey ? STEP * 10 : STEP;
    const next = { ...box };
    if (event.key === 'Delete' || event.key === 'Backspace') {
      onChange(boxes.filter((_, i) => i !== index));
      setSelected(null);
      event.preventDefault();
      return;
    }
    const grow = event.altKey;
    if (event.key === 'ArrowLeft') {
      if (grow) next.width = Math.max(MIN_SIDE, box.width - step);
      else next.x -= step;
    } else if (event.key === 'ArrowRight') {
      if (grow) next.width += step;
      else next.x += step;
    } else if (event.key === 'ArrowUp') {
      if (grow) next.height = Math.max(MIN_SIDE, box.height - step);
      else next.y -= step;
    } else if (event.key === 'ArrowDown') {
      if (grow) next.height += step;
      else next.y += step;
    }
    if (!event.key.startsWith('Arrow')) return;
    event.preventDefault();
    next.x = Math.max(0, Math.min(image.width - next.width, next.x));
    next.y = Math.max(0, Math.min(image.height - next.height, next.y));
    onChange(boxes.map((b, i) => (i === index ? next : b)));
  };

  return (
    <div className="redactor">
      <p className="muted" id="redactor-help">
        {i18n.t('report.screenshot.help')}
      </p>
      <canvas
        ref={canvas}
        width={image.width}
        height={image.height}
        className="redactor-canvas"
        data-testid="screenshot-canvas"
        aria-label={i18n.t('report.screenshot.canvas')}
        aria-describedby="redactor-help"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          const at = toImage(event);
          setDrag({ ...at, box: { ...at, width: 0, height: 0 } });
        }}
        onPointerMove={(event) => {
          if (!drag) return;
          const at = toImage(event);
          const box = {
            x: Math.min(drag.x, at.x),
            y: Math.min(drag.y, at.y),
            width: Math.abs(at.x - drag.x),
            height: Math.abs(at.y - drag.y),
          };
          setDrag({ ...drag, box });
        }}
        onPointerUp={() => {
          if (drag && drag.box.width >= MIN_SIDE && drag.box.height >= MIN_SIDE) onChange([...boxes, drag.box]);
          setDrag(null);
        }}
      />
      <div className="row">
        <button
          type="button"
          onClick={() => {
            const width = Math.round(image.width / 4);
            const height = Math.round(image.height / 8);
            onChange([
              ...boxes,
              { x: Math.round((image.width - width) / 2), y: Math.round((image.height - height) / 2), width, height },
            ]);
            setSelected(boxes.length);
          }}
        >
          {i18n.t('report.screenshot.addBox')}
        </button>
        {boxes.map((box, index) => (
          <button
            key={index}
            type="button"
            className={selected === index ? 'box-chip selected' : 'box-chip'}
            aria-label={i18n.t('report.screenshot.box', {
              n: index + 1,
              x: box.x,
              y: box.y,
              width: box.width,
              height: box.height,
            })}
            onFocus={() => setSelected(index)}
            onKeyDown={(event) => move(index, event)}
          >
            {index + 1}
          </button>
        ))}
      </div>
    </div>
  );
}
