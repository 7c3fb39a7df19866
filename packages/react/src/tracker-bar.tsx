import type { ReactNode } from 'react';

/**
 * A progress bar of the tracker (the operation's and each task's): one place for what an
 * assistive technology reads of it — the element naming it, 0 to 100, and the value in words.
 * The class names are the stylesheet's, which apps may style (docs/react.md, `<ProgressTracker>`).
 */
export function TrackerBar(props: { className: string; fillClassName: string; labelledBy: string; value: number; valueText: string }): ReactNode {
  const { className, fillClassName, labelledBy, value, valueText } = props;
  return (
    <div
      className={className}
      role="progressbar"
      aria-labelledby={labelledBy}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={valueText}
    >
      <div className={fillClassName} style={{ width: `${value}%` }} />
    </div>
  );
}
