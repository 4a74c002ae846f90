import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Card, Space, Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';

/** The head of an item's page: back, title with its tags, a line of facts, the actions; notices below. */
export function DetailHeader({ title, tags, meta, actions, children }: { title: string; tags?: ReactNode; meta: ReactNode; actions?: ReactNode; children?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(-1)} />
            <Typography.Title level={4} style={{ margin: 0 }}>{title}</Typography.Title>
            {tags}
          </Space>
          <Typography.Text type="secondary" style={{ paddingLeft: 40 }}>{meta}</Typography.Text>
        </Space>
        {actions}
      </Space>
      {children}
    </Card>
  );
}
