import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Dialog, Input, List, NavBar, Tag, Toast } from 'antd-mobile';
import { day, RESIDENT_STATUS, STATUS_COLORS } from './format';
import { useFollowed } from './residentApi';
import { Section } from './ResidentShell';
import { residentStore, useResidentStore } from './residentStore';

const CODE = /^[A-Z0-9]{4,12}$/;

/** /track: enter a tracking code; the concerns raised on this phone and the public ones followed. */
export function MyConcernsPage() {
  const navigate = useNavigate();
  const store = useResidentStore();
  const [code, setCode] = useState('');
  const codes = store.codes.map((c) => c.code);
  const { data, isLoading } = useFollowed(store.followed, codes);
  const own = (data ?? []).filter((i) => i.code);
  // one raised here and also followed shows in both lists
  const followed = (data ?? []).filter((i) => i.id && store.followed.includes(i.id));
  const go = () => {
    const c = code.trim().toUpperCase().replace(/\s/g, '');
    if (!CODE.test(c)) return void Toast.show({ content: '查询码为 8 位字母和数字，请核对后重试' });
    navigate(`/track/${c}`);
  };
  return (
    <>
      <NavBar back={null} style={{ background: '#fff' }}>我的诉求</NavBar>
      <Section title="查询办理情况">
        <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
          <div style={{ flex: 1, minWidth: 0, background: '#f5f5f5', borderRadius: 8, padding: '8px 12px' }}>
            <Input value={code} onChange={(v) => setCode(v.toUpperCase())} placeholder="输入 8 位查询码" maxLength={12} clearable onEnterPress={go} style={{ '--font-size': '16px', letterSpacing: 1 }} />
          </div>
          <Button color="primary" onClick={go}>查询</Button>
        </div>
        <div style={{ color: '#999', fontSize: 12, marginTop: 8 }}>查询码在提交诉求后显示，也可以通过查询链接直接查看。</div>
      </Section>
      <Section title="本机提交的诉求" flush>
        {!codes.length && <div style={{ color: '#999', padding: '0 16px 12px', fontSize: 14 }}>这台手机上还没有提交过诉求。</div>}
        {codes.length > 0 && isLoading && <div style={{ color: '#999', padding: '0 16px 12px', fontSize: 14 }}>正在加载…</div>}
        {own.length > 0 && (
          <List style={{ '--border-top': 'none', '--border-bottom': 'none' }}>
            {own.map((i) => (
              <List.Item
                key={i.code}
                onClick={() => navigate(`/track/${i.code}`)}
                description={`查询码 ${i.code}${i.answeredAt ? ` · ${day(i.answeredAt)} 答复` : ''}`}
                extra={<Tag color={STATUS_COLORS[i.status]}>{RESIDENT_STATUS[i.status]}</Tag>}
              >
                <div style={{ wordBreak: 'break-all' }}>{i.title}</div>
              </List.Item>
            ))}
          </List>
        )}
      </Section>
      <Section title="我关注的诉求" flush>
        {!store.followed.length && (
          <div style={{ color: '#999', padding: '0 16px 12px', fontSize: 14 }}>
            在“诉求公示”中点“关注”，可在这里查看进展。
            {store.regionCode && <a style={{ color: 'var(--adm-color-primary)', marginLeft: 4 }} onClick={() => navigate(`/r/${store.regionCode}/list`)}>去看看</a>}
          </div>
        )}
        {followed.length > 0 && (
          <List style={{ '--border-top': 'none', '--border-bottom': 'none' }}>
            {followed.map((i) => (
              <List.Item
                key={i.id}
                description={`${i.followCount} 人关注${i.answeredAt ? ` · ${day(i.answeredAt)} 答复` : ''}`}
                extra={<Tag color={STATUS_COLORS[i.status]}>{RESIDENT_STATUS[i.status]}</Tag>}
              >
                <div style={{ wordBreak: 'break-all' }}>{i.title}</div>
              </List.Item>
            ))}
          </List>
        )}
        {store.followed.length > 0 && (
          <div style={{ padding: '0 16px 10px', textAlign: 'right' }}>
            <a
              style={{ color: '#999', fontSize: 12 }}
              onClick={async () => {
                if (await Dialog.confirm({ content: '清空本机的关注列表？（不影响诉求的关注数）', confirmText: '清空', cancelText: '取消' })) store.followed.forEach((id) => residentStore.unfollow(id));
              }}
            >
              清空关注列表
            </a>
          </div>
        )}
      </Section>
    </>
  );
}
