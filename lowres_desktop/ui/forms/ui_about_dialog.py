# generated from forms/about_dialog.ui, do not edit
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'about_dialog.ui'
##
## Created by: Qt User Interface Compiler version 6.12.0
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QDialog, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_AboutDialog(object):
    def setupUi(self, AboutDialog):
        if not AboutDialog.objectName():
            AboutDialog.setObjectName(u"AboutDialog")
        AboutDialog.resize(520, 300)
        self.mainLayout = QVBoxLayout(AboutDialog)
        self.mainLayout.setObjectName(u"mainLayout")
        self.headerLayout = QHBoxLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.iconLabel = QLabel(AboutDialog)
        self.iconLabel.setObjectName(u"iconLabel")
        self.iconLabel.setMinimumSize(QSize(64, 64))
        self.iconLabel.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.headerLayout.addWidget(self.iconLabel)

        self.titleLayout = QVBoxLayout()
        self.titleLayout.setObjectName(u"titleLayout")
        self.titleLabel = QLabel(AboutDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setWordWrap(True)

        self.titleLayout.addWidget(self.titleLabel)

        self.versionLabel = QLabel(AboutDialog)
        self.versionLabel.setObjectName(u"versionLabel")

        self.titleLayout.addWidget(self.versionLabel)


        self.headerLayout.addLayout(self.titleLayout)


        self.mainLayout.addLayout(self.headerLayout)

        self.descriptionLabel = QLabel(AboutDialog)
        self.descriptionLabel.setObjectName(u"descriptionLabel")
        self.descriptionLabel.setWordWrap(True)

        self.mainLayout.addWidget(self.descriptionLabel)

        self.databaseLabel = QLabel(AboutDialog)
        self.databaseLabel.setObjectName(u"databaseLabel")
        self.databaseLabel.setWordWrap(True)
        self.databaseLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.mainLayout.addWidget(self.databaseLabel)

        self.verticalSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.mainLayout.addItem(self.verticalSpacer)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.buttonsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.closeButton = QPushButton(AboutDialog)
        self.closeButton.setObjectName(u"closeButton")

        self.buttonsLayout.addWidget(self.closeButton)


        self.mainLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(AboutDialog)
        self.closeButton.clicked.connect(AboutDialog.accept)

        self.closeButton.setDefault(True)


        QMetaObject.connectSlotsByName(AboutDialog)
    # setupUi

    def retranslateUi(self, AboutDialog):
        AboutDialog.setWindowTitle(QCoreApplication.translate("AboutDialog", u"\u041e \u043f\u0440\u043e\u0433\u0440\u0430\u043c\u043c\u0435", None))
        self.titleLabel.setText(QCoreApplication.translate("AboutDialog", u"<b>\u041f\u043e\u0434\u0434\u0435\u0440\u0436\u043a\u0430 \u0448\u043a\u043e\u043b \u0441 \u043d\u0438\u0437\u043a\u0438\u043c\u0438 \u043e\u0431\u0440\u0430\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c\u043d\u044b\u043c\u0438 \u0440\u0435\u0437\u0443\u043b\u044c\u0442\u0430\u0442\u0430\u043c\u0438</b>", None))
        self.versionLabel.setText(QCoreApplication.translate("AboutDialog", u"\u0412\u0435\u0440\u0441\u0438\u044f", None))
        self.descriptionLabel.setText(QCoreApplication.translate("AboutDialog", u"\u0420\u0435\u0437\u0443\u043b\u044c\u0442\u0430\u0442\u044b \u0412\u041f\u0420, \u041e\u0413\u042d \u0438 \u0415\u0413\u042d \u043f\u043e \u0448\u043a\u043e\u043b\u0430\u043c, \u0432\u044b\u044f\u0432\u043b\u0435\u043d\u0438\u0435 \u0448\u043a\u043e\u043b \u0441 \u043d\u0438\u0437\u043a\u0438\u043c\u0438 \u043e\u0431\u0440\u0430\u0437\u043e\u0432\u0430\u0442\u0435\u043b\u044c\u043d\u044b\u043c\u0438 \u0440\u0435\u0437\u0443\u043b\u044c\u0442\u0430\u0442\u0430\u043c\u0438 \u043f\u043e \u043f\u0440\u0430\u0432\u0438\u043b\u0443, \u043f\u0440\u0438\u043d\u044f\u0442\u043e\u043c\u0443 \u043e\u0440\u0433\u0430\u043d\u043e\u043c \u0443\u043f\u0440\u0430\u0432\u043b\u0435\u043d\u0438\u044f \u043e\u0431\u0440\u0430\u0437\u043e\u0432\u0430\u043d\u0438\u0435\u043c, \u0438 \u043a\u0430\u0440\u0442\u043e\u0447\u043a\u0438 \u0448\u043a\u043e\u043b \u0441 \u0433\u0440\u0430\u0444\u0438\u043a\u0430\u043c\u0438 \u0434\u043b\u044f \u0441\u043e\u0432\u0435\u0449\u0430\u043d\u0438\u0439.", None))
        self.databaseLabel.setText(QCoreApplication.translate("AboutDialog", u"\u0411\u0430\u0437\u0430 \u0434\u0430\u043d\u043d\u044b\u0445:", None))
        self.closeButton.setText(QCoreApplication.translate("AboutDialog", u"\u0417\u0430\u043a\u0440\u044b\u0442\u044c", None))
    # retranslateUi

