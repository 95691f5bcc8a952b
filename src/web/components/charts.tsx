/**
 * Server-rendered inline SVG charts (no chart library). Colours come from the
 * stylesheet's theme variables, so they read well in light and dark mode.
 * Values are integers (micro-units or counts); `text` is the printed value.
 */

/** One bar. */
export interface ChartDatum {
  label: string;
  value: number;
  text: string;
}

function clip(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + "…" : text;
}

/** Horizontal bars with labels on the left and values on the right. */
export function BarChart(props: { title: string; data: ChartDatum[] }) {
  const rowH = 26;
  const width = 560;
  const labelW = 170;
  const valueW = 110;
  const barMax = width - labelW - valueW;
  const max = Math.max(1, ...props.data.map((d) => Math.abs(d.value)));
  const height = Math.max(rowH, props.data.length * rowH);
  if (props.data.length === 0) return <p class="muted">No charges.</p>;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={props.title}
      preserveAspectRatio="xMinYMin meet"
    >
      <title>{props.title}</title>
      {props.data.map((d, i) => {
        const w = Math.max(1, Math.round((Math.abs(d.value) / max) * barMax));
        const y = i * rowH;
        return (
          <g>
            <text x={0} y={y + 17}>{clip(d.label, 24)}</text>
            <rect
              class={i % 2 ? "bar alt" : "bar"}
              x={labelW}
              y={y + 5}
              width={w}
              height={16}
              rx={3}
            >
              <title>{`${d.label}: ${d.text}`}</title>
            </rect>
            <text class="value" x={width} y={y + 17} text-anchor="end">{d.text}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** Vertical bars over months (oldest left), value labels on hover and under the axis. */
export function TrendChart(props: { title: string; data: ChartDatum[] }) {
  const width = 960;
  const height = 200;
  const top = 14;
  const bottom = 36;
  const plotH = height - top - bottom;
  const n = Math.max(1, props.data.length);
  const slot = width / n;
  const max = Math.max(1, ...props.data.map((d) => d.value));
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      <line class="axis" x1={0} y1={top + plotH} x2={width} y2={top + plotH} />
      {props.data.map((d, i) => {
        const h = d.value > 0 ? Math.max(1, Math.round((d.value / max) * plotH)) : 0;
        const x = i * slot + slot * 0.18;
        return (
          <g>
            <rect class="bar" x={x} y={top + plotH - h} width={slot * 0.64} height={h} rx={2}>
              <title>{`${d.label}: ${d.text}`}</title>
            </rect>
            <text x={i * slot + slot / 2} y={height - 18} text-anchor="middle">
              {d.label.slice(2)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
