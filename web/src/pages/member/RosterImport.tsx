import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportResultView } from '@server/modules/member/member.schema';
import { ApiError } from '../../api/client';
import { uploadRoster } from './memberApi';

interface Problem {
  key: number;
  row: string;
  column: string;
  message: string;
}
/** details come as { path: '第17行.界别', message: '第17行 界别“经济届”不存在…' } */
const problemsOf = (e: ApiError): Problem[] =>
  e.details.map((d, i) => {
    const [row, column] = d.path.split('.');
    return { key: i, row, column: column ?? '—', message: d.message.replace(/^第\d+行\s*/, '') };
  });

/**
 * 从 Excel 导入: choose the file, see every problem by row and column (nothing imported), or the
 * counts of what will be added and updated, then confirm.
 */
export function RosterImport({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [checked, setChecked] = useState<ImportResultView | null>(null);
  const [failure, setFailure] = useState<{ message: string; problems: Problem[] } | null>(null);

  const reset = () => (setFile(null), setChecked(null), setFailure(null));
  const close = () => (reset(), onClose());
  const run = async (f: File, mode: 'check' | 'apply') => {
    setBusy(true);
    setFailure(null);
    try {
      const r = await uploadRoster(f, mode);
      if (mode === 'check') return setChecked(r);
      await qc.invalidateQueries({ queryKey: ['members'] });
      await qc.invalidateQueries({ queryKey: ['sectors'] });
      message.success(`导入完成：新增 ${r.created} 人，更新 ${r.updated} 人`);
      close();
    } catch (e) {
      setChecked(null);
      if (e instanceof ApiError) setFailure({ message: e.message, problems: problemsOf(e) });
      else message.error('导入失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title="从 Excel 导入委员"
      width={760}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" disabled={!checked || !file} loading={busy && !!checked} onClick={() => run(file!, 'apply')}>
            {checked ? `确认导入 ${checked.rows} 行` : '确认导入'}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        按模板的列填写（姓名、性别、出生年月、民族、界别、党派、专委会、职务、工作单位及职务、手机号、身份证号）。已登记的委员按身份证号或手机号识别，再次导入会更新而不会重复；有一行出错则整份文件都不导入。
        <Button type="link" icon={<DownloadOutlined />} href="/api/members/import/template">下载导入模板</Button>
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        maxCount={1}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(f) => {
          reset();
          setFile(f);
          void run(f, 'check');
          return false;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p className="ant-upload-text">{file ? `已选择：${file.name}（点击或拖入可更换）` : '点击选择或把 .xlsx 文件拖到这里'}</p>
        <p className="ant-upload-hint">先校验，确认无误后再导入</p>
      </Upload.Dragger>
      {busy && !checked && <Alert style={{ marginTop: 16 }} type="info" showIcon title="正在校验……" />}
      {checked && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          title={`校验通过：共 ${checked.rows} 行，将新增 ${checked.created} 人、更新 ${checked.updated} 人`}
          description={
            <>
              {checked.alsoElsewhere > 0 && <div>新增的委员中有 {checked.alsoElsewhere} 人已是其他政协组织的委员（市县两级委员），按同一人登记。</div>}
              {checked.ignoredColumns.length > 0 && <div>以下列不在导入范围，将被忽略：{checked.ignoredColumns.join('、')}</div>}
              <div>导入的委员计入本届。点击“确认导入”完成导入。</div>
            </>
          }
        />
      )}
      {failure && (
        <div style={{ marginTop: 16 }}>
          <Alert type="error" showIcon title="未导入任何数据" description={failure.message} />
          {failure.problems.length > 0 && (
            <Table<Problem>
              style={{ marginTop: 12 }}
              size="small"
              rowKey="key"
              dataSource={failure.problems}
              pagination={failure.problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
              columns={[
                { title: '行', dataIndex: 'row', width: 90 },
                { title: '列', dataIndex: 'column', width: 130 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
