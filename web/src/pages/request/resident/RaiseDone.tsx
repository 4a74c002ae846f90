import { useNavigate } from 'react-router-dom';
import { Button, Toast } from 'antd-mobile';
import { CheckCircleFill } from 'antd-mobile-icons';
import { copyText } from './copy';
import { useRequestForm } from './residentApi';
import { Section } from './ResidentShell';

/** After raising: the tracking code, big and copyable, and the tracking link (nothing the resident typed). */
export function RaiseDone({ regionCode, code }: { regionCode: string; code: string }) {
  const navigate = useNavigate();
  const { data: cfg } = useRequestForm(regionCode);
  const link = `${window.location.origin}/m/track/${code}`;
  const copy = async (text: string, what: string) =>
    void Toast.show((await copyText(text)) ? { icon: 'success', content: `${what}已复制` } : { content: '复制失败，请长按选中后复制' });
  return (
    <>
      <div style={{ background: '#fff', padding: '36px 20px 24px', textAlign: 'center' }}>
        <CheckCircleFill style={{ fontSize: 56, color: '#00b578' }} />
        <div style={{ fontSize: 22, fontWeight: 600, marginTop: 12 }}>提交成功</div>
        <div style={{ color: '#666', marginTop: 8, lineHeight: 1.6 }}>
          您的诉求已提交，负责的政协委员将{cfg ? `在 ${cfg.rules.firstAnswerDays} 天内` : '尽快'}答复。
        </div>
      </div>
      <Section title="您的查询码">
        <div style={{ textAlign: 'center' }}>
          <div data-testid="tracking-code" style={{ fontSize: 34, fontWeight: 700, letterSpacing: 6, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', color: '#b7261b', userSelect: 'all', padding: '6px 0' }}>
            {code}
          </div>
          <Button size="small" color="primary" fill="outline" onClick={() => copy(code, '查询码')}>复制查询码</Button>
        </div>
        <div style={{ marginTop: 14, padding: '10px 12px', background: '#fff7e6', color: '#ad6800', borderRadius: 8, fontSize: 14, lineHeight: 1.6 }}>
          请保存查询码，可随时查看答复。查询码已保存在本机的“我的诉求”中。
        </div>
      </Section>
      <Section title="查询链接">
        <div style={{ wordBreak: 'break-all', fontSize: 14, color: '#1677ff', userSelect: 'all' }}>{link}</div>
        <div style={{ marginTop: 10 }}>
          <Button size="small" fill="outline" onClick={() => copy(link, '链接')}>复制链接</Button>
        </div>
      </Section>
      <div style={{ padding: '20px 12px 0', display: 'flex', flexDirection: 'column', gap: 12 }}>
        <Button block color="primary" size="large" onClick={() => navigate(`/track/${code}`)}>查看办理进度</Button>
        <Button block size="large" onClick={() => navigate(`/r/${regionCode}`)}>再提交一条</Button>
      </div>
    </>
  );
}
