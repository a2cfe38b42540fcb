/**
 * The demo: the seed article's organizations (Đảng bộ Cơ quan Liên đoàn Lao động thành phố
 * Hà Nội and its Chi bộ Quỹ trợ vốn…) with fictional people. Names include ones that
 * differ only in diacritics and ones starting with Đ, which search and sorting must handle.
 */
import type { CellType, Position, Role } from '@chibo/core';

export const DEMO_PASSWORD = 'ChiBo@2026';

export interface DemoMember {
  fullName: string;
  gender: 'male' | 'female';
  birthDate: string;
  status: 'official' | 'probationary';
  position?: Position;
  admittedOn: string;
  confirmedOn?: string;
  /** Transferred in: attached to DEMO_CELLS[previousCell] from admission until the day before `joinedOn`. */
  transfer?: { previousCell: number; joinedOn: string };
  /** "Sinh hoạt tạm thời" in DEMO_CELLS[cell]. */
  temporary?: { cell: number; from: string; to: string };
  /** Miễn công tác và sinh hoạt đảng, track A (old age, weak health), decided by the cell. */
  exempt?: { from: string; reason: string; decisionRef: string };
  /** Demo login linked to this member, with its roles on the member's cell. */
  account?: { username: string; roles: Role[] };
}

export interface DemoCell {
  name: string;
  cellType: CellType;
  members: DemoMember[];
}

export const DEMO_SUPERIOR = 'Đảng bộ Cơ quan Liên đoàn Lao động thành phố Hà Nội';

export const DEMO_SUPERIOR_ACCOUNTS = [
  { username: 'capuy', displayName: 'Đỗ Thị Hồng Nhung', roles: ['superior'] as Role[], label: 'Cấp ủy cấp trên (Đảng ủy Cơ quan)' },
  { username: 'quantri', displayName: 'Quản trị hệ thống', roles: ['admin'] as Role[], label: 'Quản trị' },
];

const m = (
  fullName: string,
  gender: 'male' | 'female',
  birthDate: string,
  status: 'official' | 'probationary' | 'exempt',
  admittedOn: string,
  extra: Partial<DemoMember> = {},
): DemoMember => ({
  fullName,
  gender,
  birthDate,
  status: status === 'probationary' ? 'probationary' : 'official',
  admittedOn,
  ...(status === 'exempt' ? { exempt: { from: '2024-01-01', reason: 'Tuổi cao, sức yếu', decisionRef: 'Nghị quyết chi bộ tháng 12/2023' } } : {}),
  ...(status === 'probationary' ? {} : { confirmedOn: addYear(admittedOn) }),
  ...extra,
});

function addYear(iso: string): string {
  const [y, mo, d] = iso.split('-');
  return `${Number(y) + 1}-${mo}-${d}`;
}

export const DEMO_CELLS: DemoCell[] = [
  {
    name: 'Chi bộ Quỹ trợ vốn công nhân viên chức lao động nghèo Thủ đô phát triển kinh tế gia đình',
    cellType: 'administrative',
    members: [
      m('Lê Minh Tuấn', 'male', '1972-04-12', 'official', '1998-05-19', { position: 'secretary', account: { username: 'bithu', roles: ['cell_officer', 'member'] } }),
      m('Trần Thị Thu Hà', 'female', '1979-09-02', 'official', '2004-03-26', { position: 'deputy_secretary' }),
      m('Phạm Văn Đức', 'male', '1981-11-20', 'official', '2006-12-22', { position: 'committee_member' }),
      m('Nguyễn Thị Lan', 'female', '1985-06-15', 'official', '2010-02-03', { account: { username: 'dangvien', roles: ['member'] } }),
      m('Nguyễn Thị Lân', 'female', '1987-01-30', 'official', '2012-07-27'),
      m('Đặng Quốc Bảo', 'male', '1983-03-08', 'official', '2009-09-02'),
      m('Vũ Hoàng Anh', 'male', '1990-10-10', 'official', '2015-05-19', { transfer: { previousCell: 1, joinedOn: '2024-09-01' } }),
      m('Hoàng Thị Mai', 'female', '1988-12-24', 'official', '2014-03-08'),
      m('Bùi Đức Thắng', 'male', '1977-08-19', 'official', '2001-06-30'),
      m('Đinh Thị Ngọc Ánh', 'female', '1992-05-05', 'official', '2018-11-07'),
      m('Ngô Văn Dũng', 'male', '1958-02-14', 'exempt', '1985-01-09'),
      m('Lý Thị Phương', 'female', '1998-07-21', 'probationary', '2026-03-26'),
    ],
  },
  {
    name: 'Chi bộ Văn phòng Liên đoàn Lao động thành phố',
    cellType: 'administrative',
    members: [
      m('Hà Văn Khánh', 'male', '1975-03-03', 'official', '2000-02-03', { position: 'secretary' }),
      m('Đỗ Thị Thanh Hương', 'female', '1982-08-08', 'official', '2007-05-19', { position: 'deputy_secretary' }),
      m('Trịnh Công Sơn', 'male', '1980-01-17', 'official', '2005-09-02'),
      m('Cao Thị Yến', 'female', '1986-04-29', 'official', '2011-12-22'),
      m('Mai Xuân Trường', 'male', '1984-06-06', 'official', '2010-07-27'),
      m('Tạ Thị Bích', 'female', '1991-09-13', 'official', '2016-03-26'),
      m('Lương Văn Hải', 'male', '1979-11-11', 'official', '2003-10-14'),
      m('Kiều Thị Oanh', 'female', '1993-02-22', 'official', '2019-05-19'),
      m('Dương Minh Châu', 'male', '1989-12-01', 'official', '2014-08-19'),
      m('Phan Thị Hạnh', 'female', '1995-03-30', 'probationary', '2026-01-09'),
      m('Tô Văn Long', 'male', '1961-07-07', 'exempt', '1988-06-30'),
    ],
  },
  {
    name: 'Chi bộ Ban Tổ chức – Kiểm tra',
    cellType: 'administrative',
    members: [
      m('Quách Thị Diệu Linh', 'female', '1978-10-20', 'official', '2002-03-08', { position: 'secretary' }),
      m('Lại Văn Toàn', 'male', '1983-05-25', 'official', '2008-05-19', { position: 'deputy_secretary' }),
      m('Đoàn Thị Kim Chi', 'female', '1987-08-16', 'official', '2012-09-02'),
      m('Chu Văn Nam', 'male', '1980-04-04', 'official', '2006-02-03'),
      m('Hồ Thị Thảo', 'female', '1990-12-12', 'official', '2015-12-22'),
      m('Vi Văn Tùng', 'male', '1986-07-30', 'official', '2011-07-27'),
      m('Nông Thị Hoa', 'female', '1994-01-05', 'official', '2020-03-26'),
      m('Âu Văn Quý', 'male', '1976-09-09', 'official', '2001-10-14', { temporary: { cell: 0, from: '2026-09-01', to: '2027-02-28' } }),
      m('Mạc Thị Duyên', 'female', '1997-11-19', 'probationary', '2025-12-22'),
      m('Triệu Văn Bình', 'male', '1963-06-18', 'exempt', '1990-02-03'),
    ],
  },
];
