# Sheetsafe app screens — Tiếng Việt.

button-add = Thêm
button-back = Quay lại
button-browse = Chọn…
button-cancel = Hủy
button-next = Tiếp
button-remove = Bỏ
button-save = Lưu

time-just-now = vừa xong
time-minutes-ago = { $count } phút trước
time-hours-ago = { $count } giờ trước
time-days-ago = { $count } ngày trước

wizard-welcome-title = Chào mừng bạn đến với Sheetsafe
wizard-welcome-body = Các sổ tính của bạn chứa dữ liệu bán hàng, kho và sổ sách của nhiều năm. Một tệp bị hỏng, một máy tính hỏng hay mã độc tống tiền có thể xóa sạch tất cả cùng lúc, và chỉ có bản sao lưu bạn thực sự đã tạo mới cứu được chúng. Sheetsafe sao chép mỗi sổ tính mỗi khi bạn đóng nó, kiểm tra từng byte của mỗi bản sao và giữ các bản sao dưới dạng tệp bình thường mà bạn mở được cả khi không có Sheetsafe. Việc cài đặt chỉ mất hai phút.
wizard-workbooks-title = Cần bảo vệ những sổ tính nào?
wizard-workbooks-help = Các bảng tính bạn sửa gần đây, trong Documents và trên Desktop. Đánh dấu những tệp cần sao lưu, hoặc thêm tệp khác.
wizard-none-found = Không tìm thấy bảng tính nào trong Documents hoặc trên Desktop. Hãy thêm tệp của bạn bằng nút Chọn… hoặc gõ đường dẫn.
wizard-path-placeholder = Đường dẫn sổ tính, ví dụ C:\Data\BanHang.xlsm
wizard-browse-workbooks = Chọn sổ tính cần sao lưu
wizard-no-such-file = { $path } không tồn tại hoặc không phải là tệp. Hãy kiểm tra đường dẫn.
wizard-need-workbook = Hãy chọn ít nhất một sổ tính.
wizard-folder-title = Lưu bản sao lưu ở đâu?
wizard-folder-help = Tốt nhất là nơi vẫn còn khi máy tính này hỏng: ổ USB hoặc thư mục ổ đĩa đám mây. Các nơi tìm thấy trên máy này:
wizard-folder-placeholder = Thư mục sao lưu, ví dụ E:\SaoLuu
wizard-browse-folder = Chọn thư mục sao lưu
wizard-folder-chosen = Bản sao lưu sẽ được lưu tại: { $folder }
wizard-same-disk = Thư mục này nằm trên cùng ổ đĩa với sổ tính. Nó bảo vệ khi tệp bị hỏng, nhưng không bảo vệ khi ổ đĩa hỏng hoặc bị mất: hãy thêm ổ USB hoặc thư mục đám mây làm bản sao thứ hai sau.
wizard-need-folder = Hãy chọn thư mục sao lưu.
wizard-second-title = Bản sao thứ hai, ngoài máy tính này
wizard-second-help = Thư mục sao lưu ở trên bảo vệ khi sổ tính bị hỏng. Một bản sao trên ổ USB hoặc trong thư mục đám mây còn giữ được dữ liệu khi máy hỏng, bị mất trộm hay bị mã độc tống tiền. Các nơi tìm thấy trên máy này:
wizard-second-chosen = Bản sao thứ hai được lưu vào: { $folder }
wizard-second-on-plug = Sao chép mỗi khi cắm ổ đĩa này (nếu không thì mỗi ngày lúc 18:00)
wizard-second-skip = Để sau
wizard-second-need = Hãy chọn nơi lưu bản sao thứ hai, hoặc bấm "Để sau".
wizard-second-same = Bản sao thứ hai phải ở nơi khác với thư mục sao lưu: hãy chọn ổ USB hoặc thư mục đám mây.
wizard-not-a-spreadsheet = { $path } không giống một bảng tính (không chứa sổ tính Excel hay OpenDocument). Hãy chọn đúng sổ tính, hoặc vẫn thêm tệp này nếu bạn thật sự muốn.
wizard-add-anyway = Vẫn thêm tệp này
wizard-no-places = Không tìm thấy ổ USB hay thư mục đám mây nào. Hãy gõ một thư mục hoặc dùng Chọn….
wizard-folder-missing = Thư mục { $folder } chưa tồn tại. Hãy tạo nó, hoặc chọn thư mục khác.
wizard-create-folder = Tạo thư mục này
wizard-folder-not-created = Không tạo được thư mục { $folder }: { $reason }. Hãy chọn thư mục khác.
wizard-folder-not-writable = Sheetsafe không ghi được vào { $folder }: { $reason }. Hãy chọn thư mục khác, hoặc cắm lại ổ đĩa.
io-permission-denied = bạn không có quyền ở đó
io-read-only = ổ đĩa chỉ cho phép đọc
io-disk-full = ổ đĩa đã đầy
io-not-found = nó không có ở đó (có thể ổ đĩa đã bị rút ra)
io-other = hệ thống từ chối (chi tiết có trong nhật ký)
wizard-options-title = Vài lựa chọn
wizard-name-label = Tên của hồ sơ sao lưu này (cũng là tên thư mục)
wizard-name-placeholder = ví dụ BanHang
wizard-on-close = Sao lưu mỗi khi đóng sổ tính
wizard-start-at-login = Khởi động Sheetsafe khi tôi đăng nhập
wizard-keep-summary = Sheetsafe giữ { $last } phiên bản gần nhất, mỗi ngày một bản trong { $daily } ngày, mỗi tuần một bản trong { $weekly } tuần và mỗi tháng một bản trong { $monthly } tháng. Bạn có thể đổi sau.
wizard-test-title = Bản sao lưu đầu tiên
wizard-test-running = Đang tạo bản sao lưu đầu tiên và đọc lại để kiểm tra…
wizard-test-passed = Bản sao lưu đầu tiên đã được tạo và kiểm tra:
wizard-test-next = Từ nay, mỗi khi bạn đóng sổ tính, một bản sao đã kiểm tra mới sẽ xuất hiện ở đây.
wizard-test-failed = Bản sao lưu đầu tiên không thành công.
wizard-test-fix = Hãy khắc phục vấn đề ở trên (ví dụ cắm ổ đĩa hoặc chọn thư mục khác bằng nút Quay lại), rồi thử lại.
wizard-try-again = Thử lại
wizard-finish = Hoàn tất

overview-title = Các bản sao lưu của bạn
overview-loading = Đang đọc các bản sao lưu…
overview-never = Chưa có bản sao lưu
overview-last-backup = Sao lưu gần nhất { $ago }
overview-verified = đã kiểm tra
overview-not-verified = chưa kiểm tra
overview-back-up-now = Sao lưu ngay
overview-verify = Kiểm tra
overview-open-folder = Mở thư mục sao lưu
overview-history = Lịch sử
overview-edit = Sửa
overview-add-profile = Thêm hồ sơ
overview-settings = Cài đặt
overview-backup-ok = { $count ->
    [0] Đã sao lưu: không có gì thay đổi.
   *[other] Đã sao lưu: { $count } phiên bản mới đã kiểm tra.
}
overview-verify-ok = Đã kiểm tra: cả { $count } phiên bản đều nguyên vẹn.

profile-new-title = Hồ sơ sao lưu mới
profile-edit-title = Sửa hồ sơ sao lưu
profile-name = Tên
profile-workbooks = Sổ tính
profile-folder = Thư mục sao lưu
profile-settle = Số giây chờ sau khi đóng rồi mới sao chép
profile-keep-last = Giữ gần nhất
profile-keep-daily = Hằng ngày
profile-keep-weekly = Hằng tuần
profile-keep-monthly = Hằng tháng
profile-not-a-number = “{ $field }” phải là số nguyên.
profile-comments-note = Khi lưu, tệp cài đặt được ghi lại; các chú thích bạn tự viết trong đó sẽ không được giữ (tệp cũ được giữ dưới tên .bak).
profile-duplicate = Nhân bản
profile-delete = Xóa
profile-delete-confirm = Xóa hồ sơ “{ $name }”? Các bản sao lưu trong { $folder } vẫn ở trên ổ đĩa; hãy tự xóa thư mục đó nếu không cần nữa.
profile-delete-yes = Có, xóa hồ sơ

history-title = Lịch sử của { $profile }
history-workbook = Sổ tính:
history-empty = Chưa có phiên bản nào.
history-open = Mở phiên bản này
history-restore = Khôi phục…
history-save-as = Lưu thành…
history-restore-confirm = Thay { $workbook } bằng phiên bản lúc { $time }? Sổ tính hiện tại sẽ được lưu thành một phiên bản mới trước, nên có thể hoàn tác.
history-restore-yes = Có, khôi phục
history-restored = Đã khôi phục vào { $path }; dữ liệu khớp với bản sao lưu.
history-verified = kiểm tra { $ago }
history-never-verified = chưa từng kiểm tra
history-newest = mới nhất
history-last-healthy = bản tốt gần nhất

health-healthy = tốt
health-damaged = BỊ HỎNG
health-encrypted = được mã hóa
health-unchecked = không kiểm tra
health-irregular = tốt (tệp không chuẩn)
health-not-checked = không kiểm tra được

trigger-manual = sao lưu thủ công
trigger-close = khi đóng
trigger-idle = sau khi thay đổi
trigger-startup = khi khởi động
trigger-restore-safety = trước khi khôi phục
trigger-schedule = theo lịch
trigger-adopted = tìm thấy trong thư mục
trigger-saved-while-open = đã lưu khi đang mở
trigger-after-crash = sau khi chương trình dừng đột ngột

settings-title = Cài đặt
settings-language = Ngôn ngữ

bad-config-title = Không đọc được tệp cài đặt
bad-config-help = Mở thư mục, sửa { $file } bằng trình soạn thảo văn bản (hoặc chuyển nó đi để bắt đầu lại), rồi nhấn Tải lại.
bad-config-open-folder = Mở thư mục chứa nó
bad-config-reload = Tải lại

notify-backup-failed = Sheetsafe: một lần sao lưu không thành công
notify-verify-failed = Sheetsafe: một bản sao lưu bị hỏng
notify-first-backup = Sheetsafe đang bảo vệ sổ tính của bạn
notify-first-backup-body = Bản sao lưu đầu tiên của “{ $profile }” đã được tạo và kiểm tra.
progress-line = { $file }: { $percent } % ({ $done } / { $total })
overview-copy-now = Sao chép ngay
overview-copy-ok = { $count ->
   *[other] Đã sao chép { $count } phiên bản vào { $destination } và đọc lại để kiểm tra.
}
copy-never = chưa sao chép lần nào
copy-up-to-date = đã sao chép { $last }; lần sao chép tiếp theo { $next }
copy-due = đã đến lúc sao chép (lần cuối: { $last }); sẽ chạy ngay khi có thể
copy-waiting = đang chờ { $folder } (lần cuối: { $last }); sẽ sao chép ngay khi nó có mặt
copy-overdue = quá hạn (lần cuối: { $last })
copy-failed = lần sao chép gần nhất thất bại (lý do ở trên)
profile-second-copies = Bản sao thứ hai (ổ USB, thư mục đám mây, thư mục chia sẻ):
profile-add-destination = Thêm bản sao thứ hai này
profile-remove-destination-confirm = Ngừng sao chép vào { $destination }? Các bản sao đã có trong { $folder } vẫn được giữ nguyên; Sheetsafe sẽ không thêm vào, không kiểm tra và không dùng chúng để sửa chữa nữa.
profile-remove-destination-yes = Có, ngừng sao chép vào đó
wizard-second-need-editor = Hãy chọn thư mục cho bản sao thứ hai trước.
overview-add-second-copy = Thêm bản sao thứ hai
close-no-tray-question = Màn hình này không hiện biểu tượng ở khay hệ thống, nên cửa sổ đã đóng không mở lại được từ đó. Để Sheetsafe tiếp tục chạy ngầm (vẫn sao lưu khi đóng sổ tính; mở lại Sheetsafe để thấy cửa sổ này), hay thoát (sẽ không sao lưu khi đóng sổ tính cho đến khi chạy lại)?
close-keep-running = Tiếp tục chạy ngầm
close-quit = Thoát Sheetsafe
dialog-unavailable = Không mở được hộp chọn tệp (màn hình này không có): hãy gõ đường dẫn vào ô thay thế.
contents-rows = { $count } dòng
contents-hidden = { $sheet } (ẩn)
contents-macros = có macro
contents-encrypted = đã mã hóa: không đọc được nội dung
contents-damaged = bị hỏng: chưa đọc nội dung
contents-no-sheets = không có trang tính để đọc
contents-reader-failed = không đọc được các trang tính
contents-too-large = quá lớn để đọc các trang tính
contents-timed-out = đọc các trang tính quá lâu
contents-unknown = chưa rõ nội dung
