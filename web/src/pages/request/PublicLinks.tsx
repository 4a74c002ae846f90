import { App, Button, Card, Col, QRCode, Row, Space, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMe } from '../../api/session';

/** Saves the QR code drawn in the element with this id as a PNG, to print on posters and notice boards. */
function downloadQr(id: string, name: string) {
  const canvas = document.getElementById(id)?.querySelector<HTMLCanvasElement>('canvas');
  if (!canvas) return false;
  const a = document.createElement('a');
  a.download = `${name}.png`;
  a.href = canvas.toDataURL('image/png');
  a.click();
  return true;
}

/** 群众入口: the public pages' links with QR codes (raise a concern, the public list, follow one's own). */
export function PublicLinks() {
  const { data: me } = useMe();
  const { message } = App.useApp();
  const org = me?.currentOrg;
  if (!org) return null;
  const origin = window.location.origin;
  const links = [
    { key: 'raise', title: '提交诉求', url: `${origin}/m/r/${org.regionCode}`, help: '群众扫码后选择分类、地点，填写诉求并留下手机号，获得查询码。可印在海报、议事厅和村务公开栏上。' },
    { key: 'list', title: '诉求公示', url: `${origin}/m/r/${org.regionCode}/list`, help: '经审核公开的诉求、答复和评价，不显示群众姓名和手机号。' },
    { key: 'track', title: '查询办理进度', url: `${origin}/m/track`, help: '群众凭查询码查看答复并评价；在同一部手机上提交过的诉求会自动列出。' },
  ];
  return (
    <Card title="群众入口（二维码）">
      <Row gutter={[24, 24]}>
        {links.map((l) => (
          <Col key={l.key} xs={24} md={8}>
            <Space align="start" size={16}>
              <div id={`qr-${l.key}`}>
                <QRCode value={l.url} size={132} bordered={false} />
              </div>
              <Space orientation="vertical" size={4}>
                <Typography.Text strong>{l.title}</Typography.Text>
                <Typography.Text copyable={{ text: l.url, tooltips: ['复制链接', '已复制'] }} style={{ wordBreak: 'break-all' }}>
                  <a href={l.url} target="_blank" rel="noreferrer">{l.url}</a>
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{l.help}</Typography.Text>
                <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadQr(`qr-${l.key}`, `${org.shortName}-${l.title}二维码`) || message.error('二维码尚未生成')}>
                  下载二维码
                </Button>
              </Space>
            </Space>
          </Col>
        ))}
      </Row>
      {origin.includes('localhost') || origin.includes('127.0.0.1') ? (
        <Typography.Paragraph type="warning" style={{ marginTop: 16, marginBottom: 0 }}>
          当前通过本机地址访问，二维码中的链接只能在本机打开。请用群众能访问的正式网址登录后再下载二维码。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
