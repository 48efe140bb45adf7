"""The office's case papers: orders (交办单、挂牌督办通知书、转办单), 销号 notices and the register."""
