// Vietnamese is the source dictionary: its keys define `MessageKey`, and its `{placeholders}`
// define which parameters `t()` requires. Every other language must match it key for key.
export const vi = {
  'app.name': 'eCabinet Hà Nội',
  'app.tagline': 'Hệ thống họp trực tuyến và xử lý văn bản điện tử',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',
  'app.loading': 'Đang tải…',

  'lang.switch': 'English',
  'lang.switchLabel': 'Chuyển sang tiếng Anh',

  'login.title': 'Đăng nhập',
  'login.intro': 'Sử dụng tài khoản do đơn vị cấp để đăng nhập.',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.missingFields': 'Vui lòng nhập tên đăng nhập và mật khẩu.',
  'login.locked': 'Tài khoản đang bị tạm khóa. Vui lòng thử lại sau hoặc liên hệ quản trị viên của đơn vị.',
  'login.lockedHelp': 'Nếu quên mật khẩu, vui lòng liên hệ quản trị viên của đơn vị để được hỗ trợ.',
  'login.rateLimited': 'Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ một lát rồi thử lại.',
  'login.retryAfter': 'Có thể thử lại sau {seconds} giây.',

  'error.network': 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
  'error.unexpected': 'Đã xảy ra lỗi không mong muốn. Vui lòng thử lại.',
  'error.retry': 'Thử lại',
  'error.pageTitle': 'Không tải được trang',

  'notFound.title': 'Không tìm thấy trang',
  'notFound.body': 'Địa chỉ bạn mở không tồn tại hoặc đã bị thay đổi.',
  'notFound.home': 'Về trang chủ',

  'header.logout': 'Đăng xuất',

  'home.title': 'Trang chủ',
  'home.greeting': 'Xin chào, {name}',
  'home.meetings': 'Cuộc họp sắp tới',
  'home.meetingsEmpty': 'Hiện không có cuộc họp nào sắp diễn ra.',
  'home.documents': 'Văn bản chờ xử lý',
  'home.documentsEmpty': 'Không có văn bản nào đang chờ bạn xử lý.',

  'role.admin': 'Quản trị',
  'role.clerk': 'Văn thư',
  'role.leader': 'Lãnh đạo',
  'role.member': 'Thành viên',
} as const;
