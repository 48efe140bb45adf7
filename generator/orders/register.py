"""The register (督办台账) as a spreadsheet (openpyxl) and as a PDF of the same table, with reminder pages.

Both are made from one `RegisterContent`, so the sheet the office edits at its
weekly meeting and the paper it hands out list the same cases in the same order.
"""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from generator import strings
from generator.editions.register import RegisterContent, Row
from generator.orders.render import Rendered
from generator.paper.layout import Layout
from generator.paper.pdf import write_pdf
from generator.records.registry import Office

TEMPLATE = "register.html"
STYLESHEET = "orders.css"
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
DAYS_FORMAT = '"{left}";[Red]"{overdue}";"{today}"'.format(
    left=strings.ORDER["days_left"].replace("{n}", '"0"'),
    overdue=strings.ORDER["days_overdue"].replace("{n}", '"0"'),
    today=strings.ORDER["due_today"],
)
"""Days to the deadline stay a number in the sheet (to sort and filter by) but read as the PDF's words."""
WIDTHS = (6, 20, 10, 34, 26, 15, 15, 12, 48)
"""Column widths in characters, in the order of `columns()`."""
THIN = Side(style="thin", color="000000")


def columns() -> tuple[str, ...]:
    o = strings.ORDER
    return (o["no"], o["order_no"], o["disposition"], o["case"], o["unit"], o["opened"], o["deadline_col"], o["days"], o["last_followup"])


def days_text(days: int) -> str:
    """剩余3天, 今日到期 or 逾期12天: how the register reads days to the deadline."""
    o = strings.ORDER
    if days > 0:
        return o["days_left"].format(n=days)
    return o["due_today"] if days == 0 else o["days_overdue"].format(n=-days)


def last_text(row: Row) -> str:
    return f"{strings.cn_date(row.last.date)} {row.last.note}" if row.last else strings.ORDER["none"]


def workbook(content: RegisterContent) -> bytes:
    """The register as an .xlsx file: one sheet, a heading row per unit, dates and days as values."""
    o = strings.ORDER
    book = Workbook()
    sheet = book.active
    sheet.title = o["sheet"]
    book.properties.created = dt.datetime.combine(content.on, dt.time())
    width = len(WIDTHS)
    title = f"{o['register_title']}（{o['register_as_of'].format(date=strings.cn_date(content.on))}）"
    sheet.append([title])
    sheet.append([o["register_summary"].format(cases=content.cases, overdue=sum(len(g.overdue) for g in content.groups))])
    sheet.append(list(columns()))
    for row_index in (1, 2):
        sheet.merge_cells(start_row=row_index, start_column=1, end_row=row_index, end_column=width)
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
        cell.border = Border(THIN, THIN, THIN, THIN)
    number = 0
    for group in content.groups:
        sheet.append([o["register_unit"].format(unit=group.addressee, n=len(group.rows))])
        heading = sheet.max_row
        sheet.merge_cells(start_row=heading, start_column=1, end_row=heading, end_column=width)
        sheet.cell(heading, 1).font = Font(bold=True)
        sheet.cell(heading, 1).fill = PatternFill("solid", fgColor="F6F6F6")
        for row in group.rows:
            number += 1
            sheet.append([number, row.order_no, row.disposition, row.title, row.unit, row.opened, row.deadline, row.days_left, last_text(row)])
            line = sheet.max_row
            for column, cell in enumerate(sheet[line], 1):
                cell.border = Border(THIN, THIN, THIN, THIN)
                cell.alignment = Alignment(vertical="top", wrap_text=column in (4, 5, 9))
            sheet.cell(line, 6).number_format = sheet.cell(line, 7).number_format = DATE_FORMAT
            sheet.cell(line, 8).number_format = DAYS_FORMAT
    for column, chars in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = chars * 1.8 if column in (4, 5, 9) else chars
    sheet.freeze_panes = "A4"
    sheet.print_title_rows = "3:3"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(content: RegisterContent, office: Office, layout: Layout) -> Rendered:
    """The register's table and one reminder page per unit with overdue cases, as HTML and PDF."""
    html = layout.environment().get_template(TEMPLATE).render(
        o=strings.ORDER, content=content, office=office, days_text=days_text, last_text=last_text,
        columns=columns(), css=layout.css(STYLESHEET),
    )
    return Rendered(html, write_pdf(html, layout.own))
