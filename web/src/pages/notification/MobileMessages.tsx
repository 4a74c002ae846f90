import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, NavBar } from 'antd-mobile';
import dayjs from 'dayjs';
import { useNotificationActions, useNotifications } from './notificationApi';

/** 消息 on the phone: reminders and news about the member's concerns and reports, newest first. */
export function MobileMessages() {
  const { data } = useNotifications(1, 50);
  const { read, readAll } = useNotificationActions();
  const navigate = useNavigate();
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', paddingBottom: 64 }}>
      <NavBar back={null} right={data?.unread ? <Button size="mini" fill="none" onClick={() => readAll.mutate()}>全部已读</Button> : null} style={{ background: '#fff' }}>
        消息
      </NavBar>
      {data && !data.items.length && <Empty description="暂无消息" style={{ padding: 48 }} />}
      <List>
        {data?.items.map((n) => (
          <List.Item
            key={n.id}
            prefix={n.read ? null : <Badge content={Badge.dot} />}
            description={<><div>{n.body}</div><div style={{ fontSize: 12, color: '#999', marginTop: 4 }}>{dayjs(n.createdAt).format('YYYY-MM-DD HH:mm')}</div></>}
            onClick={() => {
              if (!n.read) read.mutate(n.id);
              // links are console paths or phone paths (/m/…); the phone opens its own ones inside the app
              if (n.link?.startsWith('/m/')) navigate(n.link.slice(2));
            }}
          >
            {n.title}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
