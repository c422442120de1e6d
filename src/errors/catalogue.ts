// Every error the API can answer, in one place: a stable code, its HTTP status and a message a
// person can act on in Vietnamese and English. Clients switch on `code`, never on text.
// docs/errors.md is checked against this list by test/unit/error-catalogue.test.ts.
export const catalogue = {
  validation_failed: {
    status: 400,
    vi: 'Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra lại các trường được đánh dấu.',
    en: 'The request data is invalid. Please check the fields listed.',
  },
  bad_request: {
    status: 400,
    vi: 'Yêu cầu không đúng định dạng.',
    en: 'The request is malformed.',
  },
  bad_url: {
    status: 400,
    vi: 'Địa chỉ yêu cầu không hợp lệ (mã hoá phần trăm sai).',
    en: 'The address is malformed (bad percent-encoding).',
  },
  'auth.unauthenticated': {
    status: 401,
    vi: 'Bạn cần đăng nhập để tiếp tục.',
    en: 'Please sign in to continue.',
  },
  'auth.invalid_credentials': {
    status: 401,
    vi: 'Tên đăng nhập hoặc mật khẩu không đúng.',
    en: 'The username or password is incorrect.',
  },
  'auth.too_many_attempts': {
    status: 429,
    vi: 'Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many failed sign-ins from this address. Please try again in {seconds} seconds.',
  },
  'auth.account_disabled': {
    status: 403,
    vi: 'Tài khoản này đã bị quản trị viên khoá. Vui lòng liên hệ quản trị viên của đơn vị.',
    en: 'This account has been locked by an administrator. Please contact your unit’s administrator.',
  },
  'auth.forbidden_role': {
    status: 403,
    vi: 'Vai trò của bạn không được phép thực hiện thao tác này.',
    en: 'Your role does not allow this action.',
  },
  'auth.forbidden_scope': {
    status: 403,
    vi: 'Đơn vị này nằm ngoài phạm vi đơn vị của bạn.',
    en: 'This unit is outside your unit’s scope.',
  },
  'user.not_found': {
    status: 404,
    vi: 'Không tìm thấy tài khoản.',
    en: 'The account was not found.',
  },
  'user.cannot_lock_self': {
    status: 409,
    vi: 'Bạn không thể tự khoá tài khoản của mình.',
    en: 'You cannot lock your own account.',
  },
  'metrics.unauthorized': {
    status: 401,
    vi: 'Cần mã truy cập để đọc số liệu giám sát.',
    en: 'A bearer token is required to read metrics.',
  },
  'unit.not_found': {
    status: 404,
    vi: 'Không tìm thấy đơn vị.',
    en: 'The unit was not found.',
  },
  'meeting.not_found': {
    status: 404,
    vi: 'Không tìm thấy cuộc họp.',
    en: 'The meeting was not found.',
  },
  'meeting.not_invited': {
    status: 403,
    vi: 'Bạn không có trong danh sách được mời tham dự cuộc họp này.',
    en: 'You are not invited to this meeting.',
  },
  'meeting.not_organiser': {
    status: 403,
    vi: 'Chỉ văn thư hoặc lãnh đạo của đơn vị chủ trì mới được tổ chức và thay đổi cuộc họp của đơn vị đó.',
    en: 'Only a clerk or leader of the organising unit may schedule and change its meetings.',
  },
  'meeting.invalid_units': {
    status: 400,
    vi: 'Một số đơn vị được mời không tồn tại.',
    en: 'Some invited units do not exist.',
  },
  'meeting.invalid_chair': {
    status: 400,
    vi: 'Người chủ trì phải là một tài khoản đang hoạt động của đơn vị chủ trì.',
    en: 'The chair must be an active account of the organising unit.',
  },
  'meeting.invalid_secretary': {
    status: 400,
    vi: 'Thư ký phải là một tài khoản đang hoạt động của đơn vị chủ trì và không phải là người chủ trì.',
    en: 'The secretary must be an active account of the organising unit other than the chair.',
  },
  'meeting.not_editable': {
    status: 409,
    vi: 'Cuộc họp đã diễn ra, đã kết thúc hoặc đã bị huỷ nên không thể sửa hay huỷ nữa.',
    en: 'The meeting has started, ended or been cancelled, so it can no longer be changed or cancelled.',
  },
  'meeting.not_draft': {
    status: 409,
    vi: 'Cuộc họp đã được công bố.',
    en: 'The meeting has already been published.',
  },
  'meeting.not_live': {
    status: 409,
    vi: 'Chỉ kết thúc được cuộc họp đang diễn ra.',
    en: 'Only a meeting in progress can be ended.',
  },
  'meeting.not_ended': {
    status: 409,
    vi: 'Chỉ đóng được cuộc họp đã kết thúc.',
    en: 'Only a meeting that has ended can be closed.',
  },
  'meeting.not_secretary': {
    status: 403,
    vi: 'Chỉ thư ký cuộc họp hoặc văn thư, lãnh đạo của đơn vị chủ trì mới được đóng cuộc họp.',
    en: 'Only the meeting’s secretary or a clerk or leader of the organising unit may close it.',
  },
  'meeting.not_published': {
    status: 409,
    vi: 'Cuộc họp còn là bản dự thảo; hãy công bố trước khi mở phòng họp.',
    en: 'The meeting is still a draft; publish it before opening its room.',
  },
  'meeting.cancelled': {
    status: 409,
    vi: 'Cuộc họp đã bị huỷ.',
    en: 'The meeting was cancelled.',
  },
  'meeting.locked': {
    status: 423,
    vi: 'Cuộc họp đã khoá, không nhận thêm người tham dự mới.',
    en: 'The meeting is locked and admits no new participants.',
  },
  'meeting.removed': {
    status: 403,
    vi: 'Chủ trì đã mời bạn rời cuộc họp này; bạn không thể tham gia lại.',
    en: 'The chair removed you from this meeting; you cannot rejoin it.',
  },
  'meeting.ended': {
    status: 409,
    vi: 'Cuộc họp đã kết thúc.',
    en: 'The meeting has ended.',
  },
  'meeting.not_chair': {
    status: 403,
    vi: 'Chỉ người chủ trì mới được thực hiện thao tác này.',
    en: 'Only the chair may do this.',
  },
  'meeting.muted_by_chair': {
    status: 403,
    vi: 'Chủ trì đã tắt micro của bạn. Vui lòng chờ chủ trì cho phép phát biểu.',
    en: 'The chair muted your microphone. Please wait until the chair lets you speak.',
  },
  'meeting.not_participant': {
    status: 404,
    vi: 'Người này không có mặt trong cuộc họp.',
    en: 'This person is not in the meeting.',
  },
  'attendance.not_present': {
    status: 409,
    vi: 'Bạn cần đang có mặt trong phòng họp để thực hiện thao tác này.',
    en: 'You need to be in the meeting room to do this.',
  },
  'attendance.forbidden': {
    status: 403,
    vi: 'Chỉ người chủ trì, thư ký hoặc đơn vị tổ chức cuộc họp mới xem được bảng điểm danh.',
    en: 'Only the chair, the secretary or the organising unit may see the attendance sheet.',
  },
  'floor.queue_empty': {
    status: 409,
    vi: 'Chưa có ai xin phát biểu.',
    en: 'Nobody is waiting for the floor.',
  },
  'floor.not_waiting': {
    status: 404,
    vi: 'Yêu cầu phát biểu này không còn trong hàng chờ.',
    en: 'This request for the floor is no longer waiting.',
  },
  'vote.not_found': {
    status: 404,
    vi: 'Không tìm thấy cuộc biểu quyết.',
    en: 'The vote was not found.',
  },
  'vote.closed': {
    status: 409,
    vi: 'Cuộc biểu quyết đã kết thúc; không thể bỏ phiếu hay đổi phiếu nữa.',
    en: 'The vote has closed; ballots can no longer be cast or changed.',
  },
  'vote.already_open': {
    status: 409,
    vi: 'Đang có một cuộc biểu quyết chưa kết thúc. Hãy kết thúc nó trước khi mở cuộc mới.',
    en: 'Another vote is still open. Close it before opening a new one.',
  },
  'vote.not_eligible': {
    status: 403,
    vi: 'Đơn vị của bạn không thuộc các đơn vị được mời nên không có phiếu trong cuộc biểu quyết này.',
    en: 'Your unit is not among the invited units, so it has no ballot in this vote.',
  },
  'vote.invalid_agenda_item': {
    status: 400,
    vi: 'Nội dung chương trình được chọn không thuộc cuộc họp này.',
    en: 'The agenda item is not one of this meeting’s.',
  },
  'realtime.origin_not_allowed': {
    status: 403,
    vi: 'Trang này không được phép kết nối tới máy chủ họp (sai nguồn gốc – Origin).',
    en: 'This page may not connect to the meeting server (foreign Origin).',
  },
  // The presenter leads (src/presentation).
  'presentation.not_leader': {
    status: 403,
    vi: 'Chỉ chủ tọa hoặc người trình bày nội dung đang thảo luận mới được điều khiển trang tài liệu của cuộc họp.',
    en: 'Only the chair or the presenter of the agenda item under discussion may lead the meeting’s documents.',
  },
  'presentation.not_live': {
    status: 409,
    vi: 'Chỉ trình bày tài liệu khi cuộc họp đang diễn ra.',
    en: 'Documents are presented only while the meeting is in progress.',
  },
  'presentation.page_out_of_range': {
    status: 400,
    vi: 'Trang {page} nằm ngoài tài liệu (tài liệu có {pages} trang).',
    en: 'Page {page} is outside the document, which has {pages} pages.',
  },
  'media.not_joined': {
    status: 409,
    vi: 'Bạn chưa vào phòng họp. Vui lòng vào lại.',
    en: 'You have not joined the meeting room. Please join again.',
  },
  'media.not_found': {
    status: 404,
    vi: 'Không tìm thấy luồng kết nối hoặc luồng âm thanh/hình ảnh yêu cầu.',
    en: 'The requested transport or media stream was not found.',
  },
  'media.cannot_consume': {
    status: 400,
    vi: 'Thiết bị của bạn không nhận được luồng âm thanh/hình ảnh này.',
    en: 'Your device cannot receive this media stream.',
  },
  'media.invalid': {
    status: 400,
    vi: 'Tham số âm thanh/hình ảnh không hợp lệ.',
    en: 'The media parameters are invalid.',
  },
  'media.limit': {
    status: 409,
    vi: 'Đã đạt số luồng tối đa cho một người tham dự.',
    en: 'The limit of media streams per participant has been reached.',
  },
  'media.unavailable': {
    status: 503,
    vi: 'Máy chủ hình ảnh/âm thanh tạm thời không sẵn sàng. Ứng dụng sẽ tự kết nối lại.',
    en: 'The media server is temporarily unavailable. The app will reconnect by itself.',
  },
  // The documents store (src/documents) and a meeting's agenda (src/agenda).
  'document.upload_invalid': {
    status: 400,
    vi: 'Cần gửi đúng một tệp PDF trong trường "file" của biểu mẫu tải lên (multipart/form-data).',
    en: 'Send exactly one PDF in the "file" field of a multipart/form-data upload.',
  },
  'document.not_pdf': {
    status: 415,
    vi: 'Tệp tải lên không phải là tệp PDF. Vui lòng chọn một tệp PDF.',
    en: 'The uploaded file is not a PDF. Please choose a PDF file.',
  },
  'document.too_large': {
    status: 413,
    vi: 'Tệp lớn hơn giới hạn {maxMb} MB cho phép.',
    en: 'The file is larger than the {maxMb} MB allowed.',
  },
  'document.not_found': {
    status: 404,
    vi: 'Không tìm thấy tài liệu hoặc phiên bản tài liệu.',
    en: 'The document or document version was not found.',
  },
  'document.forbidden': {
    status: 403,
    vi: 'Bạn không có quyền xem tài liệu này.',
    en: 'You are not allowed to see this document.',
  },
  'document.version_conflict': {
    status: 409,
    vi: 'Tài liệu vừa có phiên bản mới hơn. Vui lòng tải lại rồi thử lại.',
    en: 'The document has just received a newer version. Reload it and try again.',
  },
  'document.range_not_satisfiable': {
    status: 416,
    vi: 'Khoảng dữ liệu yêu cầu nằm ngoài kích thước của tệp.',
    en: 'The requested byte range lies outside the file.',
  },
  'agenda.not_manager': {
    status: 403,
    vi: 'Chỉ văn thư, lãnh đạo của đơn vị chủ trì hoặc thư ký cuộc họp mới được thay đổi chương trình và tài liệu cuộc họp.',
    en: 'Only a clerk or leader of the organising unit, or the meeting’s secretary, may change the agenda and documents.',
  },
  'agenda.locked': {
    status: 409,
    vi: 'Cuộc họp đã bắt đầu hoặc đã kết thúc nên không thể sửa chương trình họp nữa.',
    en: 'The meeting has started or ended, so its agenda can no longer be changed.',
  },
  'agenda.item_not_found': {
    status: 404,
    vi: 'Không tìm thấy nội dung này trong chương trình cuộc họp.',
    en: 'This item is not on the meeting’s agenda.',
  },
  'agenda.invalid_order': {
    status: 400,
    vi: 'Thứ tự mới phải liệt kê mỗi nội dung của chương trình họp đúng một lần.',
    en: 'The new order must list every agenda item exactly once.',
  },
  'agenda.invalid_presenter': {
    status: 400,
    vi: 'Người trình bày phải là một tài khoản có trong hệ thống.',
    en: 'The presenter must be an existing account.',
  },
  'agenda.not_live': {
    status: 409,
    vi: 'Chỉ chọn được nội dung đang thảo luận khi cuộc họp đang diễn ra.',
    en: 'The current item can be set only while the meeting is in progress.',
  },
  // The signing engine's codes (src/signing/errors.ts SIGNING_ERROR_CODES), answered when a
  // SigningError reaches the HTTP layer.
  'pdf.malformed': {
    status: 422,
    vi: 'Tệp không phải là PDF hợp lệ hoặc đã bị hỏng.',
    en: 'The file is not a valid PDF, or it is damaged.',
  },
  'pdf.encrypted': {
    status: 422,
    vi: 'Tệp PDF đã được mã hoá. Vui lòng gỡ mật khẩu của tệp rồi tải lên lại.',
    en: 'The PDF is encrypted. Remove its password and upload it again.',
  },
  'pdf.unsupported': {
    status: 422,
    vi: 'Tệp PDF dùng một tính năng chưa được hỗ trợ nên không thể ký an toàn.',
    en: 'The PDF uses a feature that cannot be signed safely.',
  },
  'signing.wrong_pin': {
    status: 403,
    vi: 'Mã PIN không đúng.',
    en: 'The PIN is incorrect.',
  },
  'signing.bad_credential': {
    status: 422,
    vi: 'Không dùng được chứng thư số hoặc khoá ký: tệp khoá không đọc được, không có khoá, hoặc khoá không khớp với chứng thư.',
    en: 'The signing credential cannot be used: the key store is unreadable, holds no key, or the key does not match its certificate.',
  },
  'signing.certificate_expired': {
    status: 422,
    vi: 'Chứng thư số đã hết hạn.',
    en: 'The signing certificate has expired.',
  },
  'signing.certificate_not_yet_valid': {
    status: 422,
    vi: 'Chứng thư số chưa đến thời hạn có hiệu lực.',
    en: 'The signing certificate is not valid yet.',
  },
  'signing.certificate_not_for_signing': {
    status: 422,
    vi: 'Chứng thư số này không được cấp để ký.',
    en: 'This certificate is not issued for signing.',
  },
  'signing.unsupported_key': {
    status: 422,
    vi: 'Loại khoá không được hỗ trợ. Cần khoá RSA từ 2048 bit hoặc ECDSA P-256/P-384.',
    en: 'The key type is not supported. Use RSA of 2048 bits or more, or ECDSA P-256/P-384.',
  },
  'signing.tsa_failed': {
    status: 502,
    vi: 'Dịch vụ cấp dấu thời gian bị lỗi hoặc trả lời sai nên chưa ký. Vui lòng thử lại sau.',
    en: 'The timestamp service failed or answered badly, so nothing was signed. Please try again later.',
  },
  'signing.revocation_unavailable': {
    status: 502,
    vi: 'Không lấy được thông tin thu hồi chứng thư (CRL) mà chữ ký dài hạn cần nên chưa ký.',
    en: 'The revocation data (CRL) a long-term signature needs could not be obtained, so nothing was signed.',
  },
  'signing.cms_malformed': {
    status: 422,
    vi: 'Không đọc được dữ liệu chữ ký (CMS) hoặc dấu thời gian.',
    en: 'The signature (CMS) or timestamp data cannot be read.',
  },
  'signing.placement_invalid': {
    status: 422,
    vi: 'Vị trí chữ ký không hợp lệ: trang không tồn tại hoặc khung chữ ký nằm ngoài trang.',
    en: 'The signature placement is invalid: there is no such page, or the box lies outside the page.',
  },
  'signing.image_invalid': {
    status: 422,
    vi: 'Ảnh chữ ký hoặc con dấu không phải là ảnh PNG dùng được.',
    en: 'The signature or seal image is not a usable PNG.',
  },
  'signing.signature_too_large': {
    status: 500,
    vi: 'Chữ ký lớn hơn vùng dành sẵn cho nó trong tệp. Vui lòng báo quản trị viên.',
    en: 'The signature is larger than the space reserved for it in the file. Please tell an administrator.',
  },
  'signing.field_exists': {
    status: 409,
    vi: 'Tài liệu đã có một trường cùng tên với trường chữ ký.',
    en: 'The document already has a field with the signature field’s name.',
  },
  // Key custody, PIN and one-time codes (src/credentials): the server's own signing codes.
  'signing.pin_invalid': {
    status: 400,
    vi: 'Mã PIN phải gồm 6 đến 12 chữ số và không quá dễ đoán (ví dụ 111111, 123456).',
    en: 'The PIN must have 6 to 12 digits and not be easy to guess (such as 111111 or 123456).',
  },
  'signing.pin_locked': {
    status: 423,
    vi: 'Chức năng ký số đã bị khoá do xác thực sai nhiều lần. Vui lòng nhờ quản trị viên đơn vị mở khoá.',
    en: 'Signing is locked after too many failed attempts. Ask an administrator of your unit to unlock it.',
  },
  'signing.wrong_code': {
    status: 403,
    vi: 'Mã xác thực một lần không đúng hoặc đã được dùng. Vui lòng chờ mã mới trên ứng dụng xác thực.',
    en: 'The one-time code is wrong or has already been used. Wait for a new code in your authenticator app.',
  },
  'signing.not_enrolled': {
    status: 409,
    vi: 'Bạn chưa thiết lập chữ ký số (mã PIN và ứng dụng xác thực).',
    en: 'You have not set up your digital signature yet (PIN and authenticator app).',
  },
  'signing.already_enrolled': {
    status: 409,
    vi: 'Chữ ký số của bạn đã được thiết lập. Để đổi mã PIN, hãy dùng chức năng đổi mã PIN.',
    en: 'Your digital signature is already set up. Use Change PIN to change the PIN.',
  },
  'signing.no_ca': {
    status: 409,
    vi: 'Hệ thống chưa được cấu hình tổ chức cấp chứng thư số. Vui lòng nhờ quản trị viên nhập chứng thư số (.p12) của bạn.',
    en: 'No certificate authority is configured to issue certificates. Ask an administrator to import your certificate (.p12).',
  },
  'signing.act_invalid': {
    status: 403,
    vi: 'Lượt ký đã hết hạn, đã dùng hết hoặc không bao gồm tài liệu này. Vui lòng nhập lại mã PIN và mã xác thực mới.',
    en: 'The signing authorisation has expired, is used up, or does not cover this document. Enter your PIN and a new code again.',
  },
  'signing.not_seal_holder': {
    status: 403,
    vi: 'Chỉ văn thư của đơn vị mới được dùng chữ ký số của cơ quan, tổ chức (con dấu số) của đơn vị đó.',
    en: 'Only the unit’s clerks may use its seal.',
  },
  'signing.no_seal': {
    status: 409,
    vi: 'Đơn vị chưa có chứng thư số của cơ quan, tổ chức (con dấu số).',
    en: 'The unit has no seal certificate yet.',
  },
  'signing.csr_invalid': {
    status: 422,
    vi: 'Yêu cầu cấp chứng thư từ thiết bị không hợp lệ: sai định dạng, chữ ký không khớp hoặc loại khoá không được hỗ trợ.',
    en: 'The device’s certificate request is invalid: malformed, badly signed, or an unsupported key type.',
  },
  'signing.no_device_key': {
    status: 409,
    vi: 'Bạn chưa tạo khoá ký trên máy tính bảng.',
    en: 'You have no signing key on a tablet.',
  },
  'signing.device_timeout': {
    status: 504,
    vi: 'Máy tính bảng giữ khoá ký không trả lời kịp. Hãy mở ứng dụng trên máy đó rồi thử lại.',
    en: 'The tablet holding your key did not answer in time. Open the app on that tablet and try again.',
  },
  'signing.device_refused': {
    status: 409,
    vi: 'Yêu cầu ký đã bị từ chối trên máy tính bảng.',
    en: 'The signing request was declined on the tablet.',
  },
  'signing.device_signature_invalid': {
    status: 422,
    vi: 'Chữ ký do máy tính bảng gửi về không khớp với chứng thư số của khoá trên máy.',
    en: 'The signature the tablet returned does not match its key’s certificate.',
  },
  'signing.request_not_found': {
    status: 404,
    vi: 'Không tìm thấy yêu cầu ký, hoặc yêu cầu đã được trả lời hay đã hết hạn.',
    en: 'The signing request was not found, was already answered, or has expired.',
  },
  'signing.import_wrong_password': {
    status: 422,
    vi: 'Mật khẩu của tệp chứng thư số (.p12) không đúng.',
    en: 'The password of the certificate file (.p12) is incorrect.',
  },
  not_found: {
    status: 404,
    vi: 'Không tìm thấy địa chỉ yêu cầu.',
    en: 'Nothing was found at this address.',
  },
  method_not_allowed: {
    status: 405,
    vi: 'Phương thức không được hỗ trợ tại địa chỉ này.',
    en: 'This method is not supported here.',
  },
  request_timeout: {
    status: 408,
    vi: 'Yêu cầu được gửi quá chậm nên máy chủ đã dừng chờ. Vui lòng thử lại.',
    en: 'The request arrived too slowly and the server stopped waiting. Please try again.',
  },
  uri_too_long: {
    status: 414,
    vi: 'Địa chỉ yêu cầu quá dài.',
    en: 'The address is too long.',
  },
  headers_too_large: {
    status: 431,
    vi: 'Phần đầu (header) của yêu cầu quá lớn.',
    en: 'The request headers are too large.',
  },
  payload_too_large: {
    status: 413,
    vi: 'Dữ liệu gửi lên quá lớn.',
    en: 'The request body is too large.',
  },
  unsupported_media_type: {
    status: 415,
    vi: 'Kiểu dữ liệu gửi lên không được hỗ trợ.',
    en: 'The request content type is not supported.',
  },
  // The signing workflow (src/workflow): routes, their steps, the number register.
  'workflow.not_drafter': {
    status: 403,
    vi: 'Chỉ văn thư hoặc lãnh đạo của đơn vị sở hữu tài liệu mới được lập luồng ký.',
    en: 'Only a clerk or leader of the document’s unit may define its signing route.',
  },
  'workflow.route_exists': {
    status: 409,
    vi: 'Tài liệu đang có một luồng ký chưa kết thúc.',
    en: 'The document already has a signing route in progress.',
  },
  'workflow.step_empty': {
    status: 422,
    vi: 'Luồng ký cần ít nhất một bước và mỗi bước cần ít nhất một người ký.',
    en: 'A signing route needs at least one step, and every step at least one signer.',
  },
  'workflow.signer_unknown': {
    status: 422,
    vi: 'Không tìm thấy người ký: {usernames}.',
    en: 'These signers do not exist or are disabled: {usernames}.',
  },
  'workflow.seal_signer_invalid': {
    status: 422,
    vi: 'Người đóng dấu phải là văn thư của đơn vị sở hữu tài liệu: {usernames}.',
    en: 'A seal step’s signers must be clerks of the document’s unit: {usernames}.',
  },
  'workflow.personal_signer_invalid': {
    status: 422,
    vi: 'Người ký chính thức phải là lãnh đạo: {usernames}.',
    en: 'A personal signature step’s signers must be leaders: {usernames}.',
  },
  'signing.not_your_step': {
    status: 403,
    vi: 'Tài liệu không chờ chữ ký của bạn ở bước hiện tại.',
    en: 'The document is not waiting for your signature at its current step.',
  },
  'workflow.number_taken': {
    status: 409,
    vi: 'Số văn bản này đã được cấp trong năm cho đơn vị.',
    en: 'This document number has already been given this year in the unit’s register.',
  },
  rate_limited: {
    status: 429,
    vi: 'Quá nhiều yêu cầu. Vui lòng thử lại sau {seconds} giây.',
    en: 'Too many requests. Please try again in {seconds} seconds.',
  },
  service_unavailable: {
    status: 503,
    vi: 'Hệ thống tạm thời không sẵn sàng. Vui lòng thử lại sau.',
    en: 'The service is temporarily unavailable. Please try again later.',
  },
  'pdf.too_complex': {
    status: 422,
    vi: 'Tệp PDF quá phức tạp để xử lý an toàn (lồng nhau quá sâu, quá nhiều đối tượng hoặc lần cập nhật, hoặc dữ liệu nén quá lớn). Hãy lưu lại tệp bằng một trình soạn thảo PDF rồi thử lại.',
    en: 'The PDF is too complex to process safely (nesting too deep, too many objects or updates, or compressed data too large). Save it again with a PDF editor and retry.',
  },
  'signing.certification_not_first': {
    status: 409,
    vi: 'Tài liệu đã được ký; chỉ chữ ký đầu tiên mới có thể là chữ ký chứng thực (DocMDP).',
    en: 'The document is already signed; only its first signature can certify it (DocMDP).',
  },
  internal: {
    status: 500,
    vi: 'Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị viên.',
    en: 'Something went wrong on our side. Please retry; if it persists, tell an administrator.',
  },
} as const satisfies Record<string, { status: number; vi: string; en: string }>;

export type ProblemCode = keyof typeof catalogue;
export type Lang = 'vi' | 'en';
