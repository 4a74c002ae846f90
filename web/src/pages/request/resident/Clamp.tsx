import { useState, type CSSProperties } from 'react';

/**
 * Text cut to a few lines with 展开/收起 (CSS line clamp: cheap, and right in WeChat's browser;
 * antd-mobile's Ellipsis measures in layout effects and stayed blank on some renders).
 */
export function Clamp({ text, rows, style }: { text: string; rows: number; style?: CSSProperties }) {
  const [open, setOpen] = useState(false);
  // about 21 characters a line at 14 px on a 390 px phone: only longer texts get the toggle
  const long = text.length > rows * 21 || text.split('\n').length > rows;
  const clamp: CSSProperties = open || !long ? {} : { display: '-webkit-box', WebkitBoxOrient: 'vertical', WebkitLineClamp: rows, overflow: 'hidden' };
  return (
    <div style={style}>
      <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', ...clamp }}>{text}</div>
      {long && (
        <a style={{ color: 'var(--adm-color-primary)', fontSize: 13 }} onClick={() => setOpen(!open)}>
          {open ? '收起' : '展开'}
        </a>
      )}
    </div>
  );
}
