/** The red header of the residents' pages: the org, 协商到你家 and the slogan. */
export function RaiseHeader({ orgName, subtitle }: { orgName?: string; subtitle?: string }) {
  return (
    <div style={{ background: 'linear-gradient(160deg,#c8372b 0%,#b7261b 60%,#9d1f16 100%)', color: '#fff', padding: '28px 20px 22px' }}>
      <div style={{ fontSize: 14, opacity: 0.9, minHeight: 20 }}>{orgName ?? '\u00a0'}</div>
      <div style={{ fontSize: 26, fontWeight: 700, marginTop: 6, letterSpacing: 2 }}>协商到你家</div>
      <div style={{ fontSize: 17, marginTop: 4, letterSpacing: 4, opacity: 0.95 }}>关键小事我来答</div>
      {subtitle && <div style={{ fontSize: 13, marginTop: 10, opacity: 0.85, lineHeight: 1.6 }}>{subtitle}</div>}
    </div>
  );
}
