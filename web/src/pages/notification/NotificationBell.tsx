import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNotificationActions, useNotifications, useUnreadCount, type NotificationView } from './notificationApi';

/** The console's bell: unread count, the latest messages, a click opens the page the message is about. */
export function NotificationBell() {
  const [open, setOpen] = useState(false);
  const { data: count } = useUnreadCount();
  const { data } = useNotifications(1, 8);
  const { read, readAll } = useNotificationActions();
  const navigate = useNavigate();
  const openOne = (n: NotificationView) => {
    if (!n.read) read.mutate(n.id);
    setOpen(false);
    // a member's messages point at the phone pages (/m/…), which are another app
    if (n.link?.startsWith('/m/')) window.location.href = n.link;
    else if (n.link) navigate(n.link);
  };
  const content = (
    <div style={{ width: 360 }}>
      {data?.items.length ? (
        <List
          size="small"
          dataSource={data.items}
          renderItem={(n) => (
            <List.Item style={{ cursor: n.link ? 'pointer' : undefined, opacity: n.read ? 0.6 : 1 }} onClick={() => openOne(n)}>
              <List.Item.Meta
                title={<span>{!n.read && <Badge status="error" style={{ marginRight: 6 }} />}{n.title}</span>}
                description={<><div>{n.body}</div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(n.createdAt).format('MM-DD HH:mm')}</Typography.Text></>}
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
      )}
      {!!count?.unread && <Button type="link" block onClick={() => readAll.mutate()}>全部标为已读</Button>}
    </div>
  );
  return (
    <Popover trigger="click" open={open} onOpenChange={setOpen} title="消息" content={content} placement="bottomRight">
      <Badge count={count?.unread ?? 0} size="small" data-testid="notification-bell">
        <Button type="text" shape="circle" icon={<BellOutlined style={{ fontSize: 18 }} />} aria-label="消息" />
      </Badge>
    </Popover>
  );
}
